package dev.vigil.agent.profiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * async-profiler's native library, copied out of the agent jar into a directory made fresh for this process (owner-only,
 * never an existing one, no symbolic link followed), so that no other user can swap the file before it is loaded.
 */
final class NativeLibrary {
  private static final String ROOT = "META-INF/vigil/native/";

  private NativeLibrary() {}

  /** The jar entry for this platform, or null when async-profiler has no build for it. */
  static String entryForThisPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      if (arch.equals("amd64") || arch.equals("x86_64")) {
        return ROOT + "linux-x64/libasyncProfiler.so";
      }
      if (arch.equals("aarch64") || arch.equals("arm64")) {
        return ROOT + "linux-arm64/libasyncProfiler.so";
      }
      return null;
    }
    return os.contains("mac") ? ROOT + "macos/libasyncProfiler.so" : null;
  }

  /** Extracts the library into a new private directory under {@code parent} and returns its path. */
  static Path extract(Path parent) throws IOException {
    String entry = entryForThisPlatform();
    if (entry == null) {
      throw new IOException("async-profiler has no native library for " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch"));
    }
    Path dir = posix()
        ? Files.createTempDirectory(parent, "vigil-ap-", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")))
        : Files.createTempDirectory(parent, "vigil-ap-");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a plain directory");
    }
    Path lib = dir.resolve("libasyncProfiler.so");
    ClassLoader loader = NativeLibrary.class.getClassLoader();
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(entry)
        : loader.getResourceAsStream(entry)) {
      if (in == null) {
        throw new IOException(entry + " is missing from the agent jar");
      }
      // CREATE_NEW fails on anything already there, a symbolic link included; NOFOLLOW_LINKS for good measure.
      try (OutputStream out = Files.newOutputStream(lib, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        in.transferTo(out);
      }
    }
    return lib;
  }

  /** Removes the extracted library and its directory (once loaded, the process keeps its mapping). */
  static void delete(Path lib) {
    try {
      Files.deleteIfExists(lib);
      Files.deleteIfExists(lib.getParent());
    } catch (IOException ignored) {
      lib.toFile().deleteOnExit();
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
