package dev.vigil.agent.profiler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where recordings go: {@code vigil.profiler.dir} when set, else a directory made fresh for this process on the first
 * recording (and removed at exit). A recording holds the JVM's system properties ({@code -D} passwords included), so
 * the directory is owner-only (0700; a configured one that is open to others is refused, never changed) and every file
 * is created new, owner-only (0600), without following a symbolic link: one planted at the directory or at a file's
 * path is refused with an IllegalStateException saying so. File names carry the event, the time, the process id and
 * a sequence number, so none is ever reused.
 */
public final class ProfileFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final String FILE_MODE = "rw-------";
  private final String configured;
  private final AtomicInteger sequence = new AtomicInteger();
  private Path dir;

  ProfileFiles(String configured) {
    this.configured = configured == null ? "" : configured.trim();
  }

  synchronized Path dir() throws IOException {
    if (dir == null) {
      dir = configured.isEmpty() ? temporary() : configured(Paths.get(configured).toAbsolutePath());
    }
    return dir;
  }

  /** A new, empty, owner-only file for a recording (the engine then writes into it). */
  Path newRecording(String kind) throws IOException {
    String time = new SimpleDateFormat("yyyyMMdd-HHmmss").format(new Date());
    Path jfr = dir().resolve("vigil-" + kind + "-" + time + "-" + ProcessHandle.current().pid() + "-"
        + sequence.incrementAndGet() + ".jfr");
    createNew(jfr, new byte[0]);
    return jfr;
  }

  /** Writes an output rendered from a recording: a new owner-only file, replacing one rendered before (not a link). */
  public static void write(Path path, byte[] bytes) throws IOException {
    refuseLink(path);
    Files.deleteIfExists(path); // does not follow a link planted since the check: removes it
    createNew(path, bytes);
  }

  /** IllegalStateException when {@code path} is a symbolic link: a profile is never written through one. */
  public static void refuseLink(Path path) {
    if (Files.isSymbolicLink(path)) {
      throw refused(path + " is a symbolic link");
    }
  }

  private static void createNew(Path path, byte[] bytes) throws IOException {
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(path, Set.<OpenOption>of(
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), fileMode()))) {
      out.write(bytes);
    } catch (FileAlreadyExistsException planted) {
      throw refused(path + (Files.isSymbolicLink(path) ? " is a symbolic link" : " exists already"));
    }
  }

  private static Path configured(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw refused("vigil.profiler.dir " + path + " is a symbolic link; name the directory itself");
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        return posix() ? Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createDirectory(path);
      } catch (FileAlreadyExistsException raced) {
        return configured(path); // made meanwhile: checked like any existing one
      }
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw refused("vigil.profiler.dir " + path + " is not a directory");
    }
    if (posix()) {
      Set<PosixFilePermission> mode = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .permissions();
      if (!OWNER_ONLY.containsAll(mode)) {
        throw refused("vigil.profiler.dir " + path + " is open to other users (" + PosixFilePermissions.toString(mode)
            + "); profiles hold the JVM's system properties: make it owner-only (chmod 700), or name a directory"
            + " Vigil may create");
      }
    }
    return path;
  }

  private static Path temporary() throws IOException {
    Path dir = posix() ? Files.createTempDirectory("vigil-profiles-", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempDirectory("vigil-profiles-");
    cleanUpAtExit(dir);
    return dir;
  }

  /** The temporary directory goes when the JVM exits, SIGTERM included (a configured one is the user's and stays). */
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

  private static FileAttribute<?>[] fileMode() {
    return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString(FILE_MODE))} : new FileAttribute<?>[0];
  }

  private static IllegalStateException refused(String why) {
    return new IllegalStateException("profile refused: " + why);
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
