package dev.vigil.agent.profiler;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where recordings go: {@code vigil.profiler.dir} when set, else a directory made fresh and owner-only for this process
 * on the first recording (and removed at exit). File names carry the event, the time and a sequence number, so none is ever reused.
 */
final class ProfileFiles {
  private final String configured;
  private final AtomicInteger sequence = new AtomicInteger();
  private Path dir;

  ProfileFiles(String configured) {
    this.configured = configured == null ? "" : configured.trim();
  }

  synchronized Path dir() throws IOException {
    if (dir == null) {
      if (!configured.isEmpty()) {
        dir = Files.createDirectories(Paths.get(configured)).toAbsolutePath();
      } else if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        dir = Files.createTempDirectory("vigil-profiles-", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      } else {
        dir = Files.createTempDirectory("vigil-profiles-");
      }
      if (configured.isEmpty()) {
        cleanUpAtExit(dir);
      }
    }
    return dir;
  }

  /** The temporary directory goes when the JVM exits (a configured one is the user's and stays). */
  private static void cleanUpAtExit(Path dir) {
    Thread hook = new Thread(() -> {
      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      } catch (IOException | RuntimeException ignored) {
        // exiting anyway
      }
      dir.toFile().delete();
    }, "vigil-profiles-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  Path newRecording(String kind) throws IOException {
    String time = new SimpleDateFormat("yyyyMMdd-HHmmss").format(new Date());
    return dir().resolve("vigil-" + kind + "-" + time + "-" + sequence.incrementAndGet() + ".jfr");
  }
}
