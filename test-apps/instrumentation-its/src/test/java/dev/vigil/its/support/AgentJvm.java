package dev.vigil.its.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forked application JVM with {@code -javaagent:agent/target/vigil-agent.jar}, as a user runs it. The application is a
 * main class of this module's tests; the agent's classes are never on its class path. Ports are free ports, so tests
 * can run beside each other.
 */
public final class AgentJvm implements AutoCloseable {
  /**
   * How long a test waits for something that should come (a line, a span, a count): generous, because a wait returns
   * as soon as its condition holds and the suite must pass on a busy 2-core machine where a JVM can take a minute to
   * start. Only a broken feature ever waits this long.
   */
  public static final Duration PATIENCE = Duration.ofMinutes(2);
  /** How long a JVM may take to start and print READY (and the agent its start-up line). */
  public static final Duration STARTUP = Duration.ofMinutes(5);
  private static final Pattern METRICS_URL = Pattern.compile("metrics at (http://\\S+)/metrics");
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private volatile String baseUrl;

  private final boolean withAgent;

  private AgentJvm(Process process, boolean withAgent) {
    this.process = process;
    this.withAgent = withAgent;
    Thread reader = new Thread(this::pump, "agent-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static Builder builder(Class<?> mainClass) {
    return new Builder(mainClass.getName());
  }

  /** A main class of another module (a test server), started with {@link Builder#classpath}. */
  public static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  /** A runnable application jar, started as users ship services: {@code java -javaagent:... -jar app.jar}. */
  public static Builder builderForJar(Path jar) {
    Builder b = new Builder(null);
    b.jar = jar.toAbsolutePath();
    return b;
  }

  /** Path of the real shaded agent jar; fails clearly when it was not built. */
  public static Path agentJar() {
    Path jar = Paths.get(System.getProperty("vigil.agent.jar", "../../agent/target/vigil-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (mvn -B verify builds it before these tests)");
    }
    return jar.toAbsolutePath();
  }

  public static String appClasspath() {
    try {
      String deps = Files.readString(Paths.get(System.getProperty("its.classpath.file"))).trim();
      return System.getProperty("its.test.classes") + java.io.File.pathSeparator + deps;
    } catch (IOException e) {
      throw new IllegalStateException("app class path file missing", e);
    }
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = METRICS_URL.matcher(line);
        if (m.find()) {
          baseUrl = m.group(1); // before the line is seen: agentUrl() returns as soon as it is
        }
        lines.add(line);
      }
    } catch (IOException ignored) {
      // process ended
    }
  }

  /** Waits until a line of the app's output (stdout and stderr) matches; returns it. */
  public String awaitLine(Predicate<String> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("application exited (" + process.exitValue() + "):\n" + output());
      }
      sleep(20);
    }
    throw new IllegalStateException("no matching line within " + timeout + ":\n" + output());
  }

  /**
   * Waits for the application's "READY <port>" line and, with the agent, for the agent's own start-up line (it installs
   * its instrumentation beside the application's start-up), and returns the port.
   */
  public int awaitReady() {
    String line = awaitLine(l -> l.startsWith("READY "), STARTUP);
    if (withAgent) {
      awaitLine(l -> l.startsWith("[vigil] INFO started") || l.startsWith("[vigil] INFO disabled")
          || l.startsWith("[vigil] ERROR"), STARTUP);
    }
    return Integer.parseInt(line.substring("READY ".length()).trim());
  }

  /** Base URL of the agent's HTTP endpoint (http://127.0.0.1:port), from the agent's start-up line. */
  public String agentUrl() {
    awaitLine(l -> METRICS_URL.matcher(l).find(), STARTUP);
    return baseUrl;
  }

  public String scrape() {
    return Http.get(agentUrl() + "/metrics").body();
  }

  /**
   * Scrapes until {@code ready} holds (a server may send the response before its request is recorded), then returns
   * that scrape; after {@link #PATIENCE} returns the last one, for the test's assertions to explain.
   */
  public Scrape awaitScrape(Predicate<Scrape> ready) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    Scrape last = new Scrape(scrape());
    while (!ready.test(last) && System.nanoTime() < deadline) {
      sleep(50);
      last = new Scrape(scrape());
    }
    return last;
  }

  public String scrapeOpenMetrics() {
    return Http.get(agentUrl() + "/metrics", "Accept", "application/openmetrics-text; version=1.0.0").body();
  }

  public String signals() {
    return Http.get(agentUrl() + "/vigil/signals").body();
  }

  public String output() {
    return String.join("\n", lines);
  }

  public Process process() {
    return process;
  }

  public int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("application still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static final class Builder {
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> sysProps = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private String javaHome = System.getProperty("java.home");
    private boolean withAgent = true;
    private String agentArgs;
    private String classpath;
    private Path jar;

    Builder(String mainClass) {
      this.mainClass = mainClass;
      sysProps.put("vigil.prometheus.port", "0");
    }

    public Builder arg(String a) {
      args.add(a);
      return this;
    }

    public Builder sysProp(String k, String v) {
      sysProps.put(k, v);
      return this;
    }

    /** Removes a system property, e.g. the default {@code vigil.prometheus.port=0} when a test sets it another way. */
    public Builder unsetSysProp(String k) {
      sysProps.remove(k);
      return this;
    }

    /** Agent arguments: {@code -javaagent:vigil-agent.jar=ARGS}. */
    public Builder agentArgs(String a) {
      agentArgs = a;
      return this;
    }

    public Builder env(String k, String v) {
      env.put(k, v);
      return this;
    }

    public Builder jvmArg(String a) {
      jvmArgs.add(a);
      return this;
    }

    /** Runs the app on another JDK, e.g. /usr/lib/jvm/temurin-25-jdk-amd64. */
    public Builder javaHome(String home) {
      javaHome = home;
      return this;
    }

    /** Replaces this module's test class path (the default) by another module's, e.g. {@link TestApps#classpath}. */
    public Builder classpath(String cp) {
      classpath = cp;
      return this;
    }

    public Builder withoutAgent() {
      withAgent = false;
      return this;
    }

    public AgentJvm start() throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Paths.get(javaHome, "bin", "java").toString());
      cmd.add("-Xshare:auto");
      if (withAgent) {
        cmd.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
      }
      cmd.addAll(jvmArgs);
      sysProps.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      if (jar != null) {
        cmd.add("-jar");
        cmd.add(jar.toString());
      } else {
        cmd.add("-cp");
        cmd.add(classpath != null ? classpath : appClasspath());
        cmd.add(mainClass);
      }
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env);
      return new AgentJvm(pb.start(), withAgent);
    }
  }
}
