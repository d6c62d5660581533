package dev.vigil.agent;

import java.io.File;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent:vigil-agent.jar}. Does the minimum: puts the bridge on the bootstrap class path and
 * hands over to the installer, loaded by name so that no agent class is resolved before the bridge is in place. Any
 * failure is reported on System.err and the application starts without Vigil.
 */
public final class VigilAgent {
  private static final String BOOTSTRAP_JAR = "META-INF/vigil/vigil-agent-bootstrap.jar";
  private static final String INSTALLER = "dev.vigil.agent.setup.AgentStartup";
  private static final String CLI_REQUESTS = "dev.vigil.agent.cli.Requests";
  /** Agent options of a request from the command line (see dev.vigil.agent.cli.Channel): the request file's path. */
  public static final String CLI_REQUEST = "vigil.cli.request=";

  private VigilAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  public static void main(String[] args) {
    if (args.length > 0) { // attach, profile, compare: see dev.vigil.agent.cli
      System.exit(dev.vigil.agent.cli.Cli.run(args));
    }
    System.out.println("Vigil " + version() + " - a Java observability agent");
    System.out.println();
    System.out.println("Usage: java -javaagent:vigil-agent.jar[=key=value,...] -jar your-service.jar");
    System.out.println("  Metrics: http://127.0.0.1:9464/metrics (Prometheus), http://127.0.0.1:9464/vigil/signals (JSON)");
    System.out.println("  Configure with -Dvigil.<key>=..., env VIGIL_<KEY>=..., or -Dvigil.config=<file.properties>.");
    System.out.println("  Every key: docs/configuration.md");
    System.out.println("  Attach to a running JVM: java -jar vigil-agent.jar attach <pid>; profile one: ... profile <pid>");
    System.out.println("  Compare a canary with its baseline: java -jar vigil-agent.jar compare <host:port> <host:port>");
  }

  private static void start(String args, Instrumentation inst, boolean lateAttach) {
    try {
      appendBootstrapJar(inst);
      boolean cli = args != null && args.startsWith(CLI_REQUEST); // the command line's attach or profile
      Class.forName(cli ? CLI_REQUESTS : INSTALLER, true, VigilAgent.class.getClassLoader())
          .getMethod(cli ? "handle" : "install", String.class, Instrumentation.class, boolean.class)
          .invoke(null, cli ? args.substring(CLI_REQUEST.length()) : args, inst, lateAttach);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println("[vigil] ERROR agent failed to start; the application runs without it: " + cause);
    }
  }

  private static void appendBootstrapJar(Instrumentation inst) throws Exception {
    if (bridgeOnBootstrap()) {
      return; // attached twice: the first copy stays
    }
    Path dir = Files.createTempDirectory("vigil-"); // owner-only permissions on POSIX
    Path jar = dir.resolve("vigil-agent-bootstrap.jar");
    try (InputStream in = VigilAgent.class.getClassLoader().getResourceAsStream(BOOTSTRAP_JAR)) {
      if (in == null) {
        throw new IllegalStateException(BOOTSTRAP_JAR + " is missing from the agent jar");
      }
      Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
    }
    File file = jar.toFile();
    dir.toFile().deleteOnExit(); // deleted in reverse order of registration: the jar first, then its directory
    file.deleteOnExit();
    inst.appendToBootstrapClassLoaderSearch(new JarFile(file));
  }

  private static boolean bridgeOnBootstrap() {
    try {
      Class.forName("dev.vigil.bootstrap.Bridge", false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static String version() {
    try (InputStream in = VigilAgent.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }
}
