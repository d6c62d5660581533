package dev.vigil.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

/** {@code java -jar vigil-agent.jar <command>}: attach Vigil to a running JVM, profile or diagnose one, or compare two. */
public final class Cli {
  private Cli() {}

  /** Runs a command and returns the process exit code: 0 done, 1 failed, 2 bad usage. */
  public static int run(String[] args) {
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "attach":
          return AttachCommand.run(rest);
        case "profile":
          return ProfileCommand.run(rest);
        case "compare":
          return CompareCommand.run(rest);
        case "diagnose":
          return DiagnoseCommand.run(rest);
        case "help":
        case "-h":
        case "--help":
          usage(System.out);
          return 0;
        default:
          System.err.println("unknown command: " + args[0]);
          usage(System.err);
          return 2;
      }
    } catch (IllegalArgumentException e) {
      System.err.println("vigil: " + e.getMessage());
      usage(System.err);
      return 2;
    } catch (Exception e) {
      System.err.println("vigil: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return 1;
    }
  }

  static void usage(PrintStream out) {
    out.println("Commands:");
    out.println("  java -jar vigil-agent.jar attach <pid> [key=value ...]");
    out.println("      loads Vigil into a running JVM (keys as in -javaagent:vigil-agent.jar=key=value,...)"
        + " and says what happened there");
    out.println("  java -jar vigil-agent.jar compare <baseline host:port> <canary host:port> [--token T]");
    out.println("      [--alpha 0.01] [--min-samples 30] [--min-effect 0.2] [--min-shift 1ms]");
    out.println("      [--timeout 10s]");
    out.println("      compares two instances route by route over their last window (docs/canary.md);"
        + " exit 1 when a route is worse on the canary, 2 when an instance cannot be read");
    out.println("  java -jar vigil-agent.jar profile <pid> [--event cpu|wall|alloc|lock] [--duration 30s]");
    out.println("      [--out flame.html|profile.collapsed|profile.jfr] [--route /owners/{id}] [key=value ...]");
    out.println("      profiles a running JVM, loading Vigil first when it is absent; opens no port in it");
    out.println("  java -jar vigil-agent.jar diagnose <pid|host:port> [--token T] [--timeout 10s]");
    out.println("      prints the likely causes of slow or failing routes, most likely first, and the route table");
  }

  static Path agentJar() throws Exception {
    return Paths.get(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** {@code key=value} arguments from {@code from} on, joined as agent options; IllegalArgumentException otherwise. */
  static String options(String[] args, int from) {
    StringBuilder options = new StringBuilder();
    for (int i = from; i < args.length; i++) {
      if (!args[i].contains("=") || args[i].contains(",") || args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are key=value without commas, not " + args[i]);
      }
      options.append(options.length() == 0 ? "" : ",").append(args[i]);
    }
    return options.toString();
  }

  static String pid(String[] args) {
    if (args.length == 0 || !args[0].matches("\\d+")) {
      throw new IllegalArgumentException("the first argument is the process id of the target JVM");
    }
    return args[0];
  }
}
