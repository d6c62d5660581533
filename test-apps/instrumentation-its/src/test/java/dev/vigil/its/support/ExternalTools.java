package dev.vigil.its.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs the tests run beside the agent (promtool, prometheus, python3). Absent ones skip the test with a message
 * naming them, unless VIGIL_REQUIRE_SERVICES=1 (as on CI), where absence fails.
 */
public final class ExternalTools {
  private ExternalTools() {}

  public static boolean required() {
    return "1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"));
  }

  /** Skips (or, when required, fails) the test unless {@code present}. */
  public static void assume(boolean present, String whatIsMissing) {
    if (present) {
      return;
    }
    if (required()) {
      fail(whatIsMissing + " (VIGIL_REQUIRE_SERVICES=1, so this fails instead of skipping)");
    }
    Assumptions.assumeTrue(false, whatIsMissing + "; skipped");
  }

  /** The program on PATH (or at an absolute path), if it is there and executable. */
  public static Optional<Path> find(String name) {
    if (name.startsWith("/")) {
      Path p = Paths.get(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Paths.get(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs a program to its end with {@code stdin} as input; stderr is merged into the output. */
  public static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread feeder = new Thread(() -> {
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the program stopped reading; its exit code tells why
      }
    });
    feeder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish in 60 s");
    }
    feeder.join();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  public static final class Result {
    public final int exitCode;
    public final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }
}
