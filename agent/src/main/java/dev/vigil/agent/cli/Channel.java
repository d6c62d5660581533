package dev.vigil.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.agent.VigilAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * How the command line talks to Vigil in another JVM without opening any port: the request goes in a file of a fresh
 * owner-only directory, its path in the options of an Attach API {@code loadAgent} (the target runs
 * {@code VigilAgent.agentmain}, which hands it to {@link Requests}), and the answer comes back as a file beside it.
 * The Attach API itself goes over a Unix socket; JMX, whose local connector listens on every interface of the target
 * for the rest of its life, is not used.
 */
final class Channel {
  static final String REPLY = "reply.properties";

  private Channel() {}

  /** Sends {@code request} to the JVM behind {@code vm} and waits up to {@code timeoutMillis} for its answer. */
  static Properties call(VirtualMachine vm, Properties request, long timeoutMillis) throws Exception {
    Path dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? Files.createTempDirectory("vigil-cli-", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")))
        : Files.createTempDirectory("vigil-cli-");
    try {
      Path file = dir.resolve("request.properties");
      try (OutputStream out = Files.newOutputStream(file)) {
        request.store(out, null);
      }
      vm.loadAgent(Cli.agentJar().toString(), VigilAgent.CLI_REQUEST + file);
      return await(dir.resolve(REPLY), timeoutMillis, vm.id());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Properties await(Path reply, long timeoutMillis, String pid) throws Exception {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      try (InputStream in = Files.newInputStream(reply)) {
        Properties p = new Properties();
        p.load(in);
        return p;
      } catch (NoSuchFileException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException("no answer from JVM " + pid + " within " + timeoutMillis / 1000 + " s (its Vigil may"
              + " be of another version than this jar); see that JVM's standard error");
        }
        Thread.sleep(50);
      }
    }
  }
}
