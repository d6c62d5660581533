package dev.vigil.agent.cli;

import dev.vigil.agent.insight.Insight;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.profiler.Profiler;
import dev.vigil.agent.profiler.ProfilerSetup;
import dev.vigil.agent.setup.AgentStartup;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;

/**
 * The target JVM's side of {@link Channel}: reads the command line's request and answers it from a daemon thread (not
 * the Attach Listener, which jcmd and others share), writing the answer atomically beside the request. {@code attach}
 * says what really happened (started, already running, switched off, failed); {@code profile-start} refuses a route
 * this JVM has not served and {@code profile-dump} one that ran no request while profiling, naming the routes it knows.
 */
public final class Requests {
  private static final long START_WAIT_MILLIS = 60_000;
  private static final long STOP_WAIT_MILLIS = 30_000;

  private Requests() {}

  /** Called by VigilAgent.agentmain with the request file's path ({@code lateAttach}: the installer's signature). */
  public static void handle(String requestFile, Instrumentation inst, boolean lateAttach) {
    Path request = Paths.get(requestFile);
    Thread t = new Thread(() -> answer(request, inst), "vigil-cli");
    t.setDaemon(true);
    t.start();
  }

  private static void answer(Path file, Instrumentation inst) {
    Properties reply = new Properties();
    try {
      Properties request = new Properties();
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        request.load(in);
      }
      String command = request.getProperty("command", "");
      if (command.equals("attach")) {
        attach(request.getProperty("options", ""), inst, reply);
      } else if (command.equals("profile-start")) {
        profileStart(request, inst, reply);
      } else if (command.equals("profile-dump")) {
        profileDump(request, reply);
      } else if (command.equals("diagnose")) {
        diagnose(reply);
      } else {
        throw new IllegalArgumentException("unknown request " + command);
      }
    } catch (Throwable t) {
      reply.setProperty("status", "failed");
      reply.setProperty("message", t.getMessage() == null ? t.toString() : t.getMessage());
    }
    write(file.resolveSibling(Channel.REPLY), reply);
  }

  private static void attach(String options, Instrumentation inst, Properties reply) throws Exception {
    if (AgentStartup.running()) {
      reply.setProperty("status", "running");
      reply.setProperty("message", "Vigil already runs in this JVM; nothing changed" + (options.isEmpty() ? ""
          : " (" + options + " not applied: options are read at start-up)"));
    } else {
      reply.setProperty("status", "started");
      reply.setProperty("message", "Vigil " + start(options, inst));
    }
    AgentLog.info("command line: " + reply.getProperty("message"));
  }

  /** Starts Vigil here with {@code options}; returns how its start ended, or throws saying why it did not start. */
  private static String start(String options, Instrumentation inst) throws Exception {
    AgentStartup.install(options.isEmpty() ? null : options, inst, true);
    if (!AgentStartup.running()) {
      throw new IllegalStateException("Vigil is switched off by its configuration (vigil.enabled=false): nothing was"
          + " started");
    }
    return awaitStart();
  }

  private static String awaitStart() throws InterruptedException {
    String outcome = AgentStartup.awaitStart(START_WAIT_MILLIS);
    if (outcome == null) {
      throw new IllegalStateException("Vigil had not finished starting after " + START_WAIT_MILLIS / 1000 + " s");
    }
    if (outcome.startsWith("failed")) {
      throw new IllegalStateException("Vigil " + outcome);
    }
    return outcome;
  }

  private static void profileStart(Properties request, Instrumentation inst, Properties reply) throws Exception {
    boolean loaded = !AgentStartup.running();
    String options = request.getProperty("options", "");
    if (loaded) {
      start(options, inst);
    } else {
      awaitStart();
      if (!options.isEmpty()) {
        reply.setProperty("note", "Vigil already runs in this JVM: " + options + " not applied (options are read at"
            + " start-up)");
      }
    }
    Profiler profiler = profiler();
    String route = request.getProperty("route", "");
    List<String> routes = ProfilerSetup.routes();
    if (!loaded && !route.isEmpty() && !routes.contains(route)) { // just loaded: no route is known yet
      throw new IllegalArgumentException("no route " + route + " in this JVM; " + known(routes));
    }
    reply.setProperty("mode", profiler.start(request.getProperty("event", "cpu"),
        Integer.parseInt(request.getProperty("seconds", "30"))));
    reply.setProperty("loaded", Boolean.toString(loaded));
    reply.setProperty("status", "ok");
  }

  private static void profileDump(Properties request, Properties reply) throws Exception {
    Profiler profiler = profiler();
    long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000L;
    while (profiler.running()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the profile did not stop within " + STOP_WAIT_MILLIS / 1000 + " s");
      }
      Thread.sleep(100);
    }
    String route = request.getProperty("route", "");
    if (!route.isEmpty() && Files.size(Paths.get(profiler.dump("collapsed", route))) == 0) {
      throw new IllegalArgumentException("no sample of route " + route + " in this profile: none of its requests ran"
          + " while profiling; " + known(ProfilerSetup.routes()));
    }
    reply.setProperty("path", profiler.dump(request.getProperty("format", "html"), route.isEmpty() ? null : route));
    reply.setProperty("status", "ok");
  }

  /** The API's overview and diagnosis documents; Vigil must already run (diagnosing does not load it). */
  private static void diagnose(Properties reply) throws Exception {
    if (!AgentStartup.running()) {
      throw new IllegalStateException("Vigil does not run in this JVM: start it with -javaagent or the attach"
          + " command first");
    }
    awaitStart();
    Insight insight = Insight.current();
    if (insight == null) {
      throw new IllegalStateException("Vigil's endpoint and API did not start in this JVM; see its agent log");
    }
    byte[][] docs = insight.overviewAndDiagnosis();
    reply.setProperty("overview", new String(docs[0], StandardCharsets.UTF_8));
    reply.setProperty("diagnosis", new String(docs[1], StandardCharsets.UTF_8));
    reply.setProperty("status", "ok");
  }

  private static Profiler profiler() {
    Profiler profiler = ProfilerSetup.profiler();
    if (profiler == null) {
      throw new IllegalStateException("the profiler is off in this JVM (vigil.profiler.enabled=false)");
    }
    return profiler;
  }

  private static String known(List<String> routes) {
    return routes.isEmpty() ? "it has served no request since Vigil started"
        : "its routes: " + String.join(", ", routes);
  }

  private static void write(Path reply, Properties answer) {
    Path tmp = reply.resolveSibling("reply.tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        answer.store(out, null);
      }
      Files.move(tmp, reply, StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception e) {
      AgentLog.warn("cannot answer the command line at " + reply + ": " + e);
    }
  }
}
