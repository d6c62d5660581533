package dev.vigil.its.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** Other test-apps modules an IT starts in a forked JVM: their class paths, jars and the JDKs to run them on. */
public final class TestApps {
  public static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

  private TestApps() {}

  /** A module's classes plus the runtime class path it wrote to target/classpath.txt (e.g. "servers/jetty9"). */
  public static String classpath(String module) {
    Path target = dir(module).resolve("target");
    Path file = target.resolve("classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build test-apps/" + module + " first");
    }
    try {
      return target.resolve("classes") + File.pathSeparator + Files.readString(file).trim();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** A file a module built, e.g. ("spring-shop", "target/spring-shop.jar"). */
  public static Path file(String module, String path) {
    Path p = dir(module).resolve(path);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " is missing: build test-apps/" + module + " first");
    }
    return p;
  }

  /** A directory a module built, e.g. ("redeploy/host", "target/webapp"). */
  public static Path directory(String module, String path) {
    Path p = dir(module).resolve(path);
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException(p + " is missing: build test-apps/" + module + " first");
    }
    return p;
  }

  /** The JDK running the tests, and Temurin 25 when it is installed. */
  public static Stream<String> jdks() {
    String current = System.getProperty("java.home");
    return Files.isDirectory(Paths.get(JDK25)) ? Stream.of(current, JDK25) : Stream.of(current);
  }

  public static boolean hasJdk25() {
    return Files.isDirectory(Paths.get(JDK25));
  }

  private static Path dir(String module) {
    return Paths.get(System.getProperty("its.test-apps.dir", "..")).resolve(module).toAbsolutePath().normalize();
  }
}
