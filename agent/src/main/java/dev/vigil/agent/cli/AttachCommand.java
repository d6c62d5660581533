package dev.vigil.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import java.util.ArrayList;
import java.util.List;

/** {@code attach <pid> [key=value ...]}: loads the agent jar into a running JVM with the Attach API. */
final class AttachCommand {
  private AttachCommand() {}

  static int run(String[] args) throws Exception {
    String pid = Cli.pid(args);
    List<String> options = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].contains("=") || args[i].contains(",")) {
        throw new IllegalArgumentException("options are key=value without commas, not " + args[i]);
      }
      options.add(args[i]);
    }
    load(pid, String.join(",", options));
    System.out.println("Vigil loaded into JVM " + pid + "; its log goes to that JVM's standard error");
    return 0;
  }

  static void load(String pid, String options) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      vm.loadAgent(Cli.agentJar().toString(), options.isEmpty() ? null : options);
    } finally {
      vm.detach();
    }
  }
}
