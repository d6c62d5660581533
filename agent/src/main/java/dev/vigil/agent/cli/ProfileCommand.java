package dev.vigil.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.profiler.ProfileFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code profile <pid> ...}: asks Vigil in the target (loading it first when absent) to record for the duration (the
 * target stops on its own, should this command die), then for the flame graph, collapsed stacks or JFR recording,
 * which it copies to --out (owner-only, never through a symbolic link). Talks over {@link Channel}: no port is opened
 * in the target. A route the target has not served, or one that ran no request while profiling, is refused with the
 * routes it knows.
 */
final class ProfileCommand {
  private static final long START_TIMEOUT_MILLIS = 90_000;
  private static final long DUMP_TIMEOUT_MILLIS = 60_000;

  private ProfileCommand() {}

  static int run(String[] args) throws Exception {
    String pid = Cli.pid(args);
    Properties start = new Properties();
    start.setProperty("command", "profile-start");
    start.setProperty("event", "cpu");
    start.setProperty("route", "");
    long millis = 30_000;
    Path out = null;
    List<String> options = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        options.add(args[i]);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--event": start.setProperty("event", value); break;
        case "--duration": millis = VigilConfig.parseDurationMillis(value); break;
        case "--out": out = Paths.get(value); break;
        case "--route": start.setProperty("route", value); break;
        default: throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    start.setProperty("options", Cli.options(options.toArray(new String[0]), 0));
    int seconds = (int) Math.max(1, (millis + 999) / 1000);
    start.setProperty("seconds", Integer.toString(seconds));
    String event = start.getProperty("event");
    String route = start.getProperty("route");
    out = out != null ? out : Paths.get("vigil-" + pid + "-" + event + ".html");
    Properties dump = new Properties();
    dump.setProperty("command", "profile-dump");
    dump.setProperty("format", format(out.getFileName().toString()));
    dump.setProperty("route", route);
    ProfileFiles.refuseLink(out); // before profiling, not after
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      Properties started = ok(Channel.call(vm, start, START_TIMEOUT_MILLIS), pid);
      if (Boolean.parseBoolean(started.getProperty("loaded"))) {
        System.out.println("Vigil was not in JVM " + pid + ": loaded it");
      }
      if (started.getProperty("note") != null) {
        System.out.println("JVM " + pid + ": " + started.getProperty("note"));
      }
      System.out.println("profiling " + event + " of JVM " + pid + " for " + seconds + " s ("
          + started.getProperty("mode") + ")");
      Thread.sleep(seconds * 1000L);
      Path recorded = Paths.get(ok(Channel.call(vm, dump, DUMP_TIMEOUT_MILLIS), pid).getProperty("path"));
      ProfileFiles.write(out, Files.readAllBytes(recorded));
      System.out.println("wrote " + out.toAbsolutePath() + (route.isEmpty() ? "" : " (route " + route + ")"));
      return 0;
    } finally {
      vm.detach();
    }
  }

  private static String format(String name) {
    return name.endsWith(".html") || name.endsWith(".htm") ? "html" : name.endsWith(".jfr") ? "jfr" : "collapsed";
  }

  private static Properties ok(Properties reply, String pid) {
    if (!"ok".equals(reply.getProperty("status"))) {
      throw new IllegalStateException("JVM " + pid + ": " + reply.getProperty("message"));
    }
    return reply;
  }
}
