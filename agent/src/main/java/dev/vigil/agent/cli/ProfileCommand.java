package dev.vigil.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.agent.config.VigilConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code profile <pid> ...}: starts the target's local JMX connector (Attach API; no port is opened), loads Vigil when
 * its Profiler MBean is absent, records for the duration (the target stops on its own, should this command die) and
 * copies the flame graph, collapsed stacks or JFR recording to --out.
 */
final class ProfileCommand {
  private static final String PROFILER = "dev.vigil:type=Profiler";

  private ProfileCommand() {}

  static int run(String[] args) throws Exception {
    String pid = Cli.pid(args);
    String event = "cpu";
    String route = "";
    long millis = 30_000;
    Path out = null;
    List<String> options = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--") && i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      switch (a) {
        case "--event": event = args[++i]; break;
        case "--duration": millis = VigilConfig.parseDurationMillis(args[++i]); break;
        case "--out": out = Paths.get(args[++i]); break;
        case "--route": route = args[++i]; break;
        default:
          if (a.startsWith("--") || !a.contains("=")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          options.add(a);
      }
    }
    int seconds = (int) Math.max(1, (millis + 999) / 1000);
    out = out != null ? out : Paths.get("vigil-" + pid + "-" + event + ".html");
    String name = out.getFileName().toString();
    String format = name.endsWith(".html") || name.endsWith(".htm") ? "html" : name.endsWith(".jfr") ? "jfr"
        : "collapsed";
    VirtualMachine vm = VirtualMachine.attach(pid);
    try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
      MBeanServerConnection server = jmx.getMBeanServerConnection();
      ObjectName profiler = new ObjectName(PROFILER);
      if (!server.isRegistered(profiler)) {
        System.out.println("Vigil is not in JVM " + pid + ": loading it");
        vm.loadAgent(Cli.agentJar().toString(), options.isEmpty() ? null : String.join(",", options));
        awaitRegistered(server, profiler);
      }
      Object mode = server.invoke(profiler, "start", new Object[] {event, seconds},
          new String[] {String.class.getName(), int.class.getName()});
      System.out.println("profiling " + event + " of JVM " + pid + " for " + seconds + " s (" + mode + ")");
      long deadline = System.currentTimeMillis() + seconds * 1000L + 30_000;
      Thread.sleep(seconds * 1000L);
      while (Boolean.TRUE.equals(server.getAttribute(profiler, "Running"))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("the profile did not stop in time");
        }
        Thread.sleep(100);
      }
      String path = (String) server.invoke(profiler, "dumpRoute", new Object[] {format, route},
          new String[] {String.class.getName(), String.class.getName()});
      Files.copy(Paths.get(path), out, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("wrote " + out.toAbsolutePath() + (route.isEmpty() ? "" : " (route " + route + ")"));
      return 0;
    } finally {
      vm.detach();
    }
  }

  private static void awaitRegistered(MBeanServerConnection server, ObjectName name) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!server.isRegistered(name)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("Vigil did not register " + name + " within 60 s; see the JVM's log");
      }
      Thread.sleep(200);
    }
  }
}
