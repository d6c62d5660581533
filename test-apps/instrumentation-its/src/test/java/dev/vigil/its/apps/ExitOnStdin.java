package dev.vigil.its.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs another main class (args[0], the rest its arguments) and calls {@code System.exit(0)} when a line "exit" comes
 * on standard input: how a test ends an application the way code does, rather than by a signal.
 */
public final class ExitOnStdin {
  private ExitOnStdin() {}

  public static void main(String[] args) throws Exception {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.trim().equals("exit")) {
            System.exit(0);
          }
        }
      } catch (IOException e) {
        // stdin closed: nothing to wait for
      }
    }, "exit-on-stdin");
    t.setDaemon(true);
    t.start();
    Class.forName(args[0]).getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
