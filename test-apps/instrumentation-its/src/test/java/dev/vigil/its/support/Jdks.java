package dev.vigil.its.support;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** The JDKs an application under test runs on: this JVM's (17) and, when installed, Temurin 25. */
public final class Jdks {
  private Jdks() {}

  /** For {@code @MethodSource("dev.vigil.its.support.Jdks#all")}. */
  public static Stream<String> all() {
    return Files.isDirectory(Paths.get(TestApps.JDK25)) ? Stream.of(System.getProperty("java.home"), TestApps.JDK25)
        : Stream.of(System.getProperty("java.home"));
  }
}
