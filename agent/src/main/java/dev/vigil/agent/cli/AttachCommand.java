package dev.vigil.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import java.util.Properties;

/**
 * {@code attach <pid> [key=value ...]}: loads Vigil into a running JVM and says what happened there: started (with
 * where its metrics are), already running (nothing changed; options given now are not applied), switched off, or
 * failed. Exit 0 when Vigil runs as asked, 1 otherwise.
 */
final class AttachCommand {
  private static final long TIMEOUT_MILLIS = 90_000;

  private AttachCommand() {}

  static int run(String[] args) throws Exception {
    String pid = Cli.pid(args);
    Properties request = new Properties();
    request.setProperty("command", "attach");
    request.setProperty("options", Cli.options(args, 1));
    VirtualMachine vm = VirtualMachine.attach(pid);
    Properties reply;
    try {
      reply = Channel.call(vm, request, TIMEOUT_MILLIS);
    } finally {
      vm.detach();
    }
    String status = reply.getProperty("status", "failed");
    String message = reply.getProperty("message", "");
    if (status.equals("failed")) {
      System.err.println("vigil: JVM " + pid + ": " + message);
      return 1;
    }
    System.out.println("JVM " + pid + ": " + message + (status.equals("started")
        ? "; its log goes to that JVM's standard error" : ""));
    return status.equals("running") && !request.getProperty("options").isEmpty() ? 1 : 0;
  }
}
