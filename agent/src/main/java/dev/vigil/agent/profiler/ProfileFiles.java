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

/**
 * Where recordings go: {@code vigil.profiler.dir} when set, else a directory made fresh and owner-only for this process
 * on the first recording. File names carry the event, the time and a sequence number, so none is ever reused.
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
    }
    return dir;
  }

  Path newRecording(String kind) throws IOException {
    String time = new SimpleDateFormat("yyyyMMdd-HHmmss").format(new Date());
    return dir().resolve("vigil-" + kind + "-" + time + "-" + sequence.incrementAndGet() + ".jfr");
  }
}
