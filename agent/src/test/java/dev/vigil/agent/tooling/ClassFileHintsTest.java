package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class ClassFileHintsTest {
  private final ElementMatcher<TypeDescription> filter = ClassFileHints.mentions("execute", "prepare");

  @Test
  void dropsOnlyTheMatchedClassWhenItsFileNeverNamesTheMethods() throws Exception {
    ClassFileHints.matching(String.class.getName(), classFile(String.class));
    assertThat(filter.matches(TypeDescription.ForLoadedType.of(String.class))).isFalse();
    assertThat(filter.matches(TypeDescription.ForLoadedType.of(Integer.class)))
        .as("another class (a super type resolved meanwhile) always passes").isTrue();

    ClassFileHints.matching(java.sql.Statement.class.getName(), classFile(java.sql.Statement.class));
    assertThat(filter.matches(TypeDescription.ForLoadedType.of(java.sql.Statement.class))).isTrue();

    ClassFileHints.matching(String.class.getName(), null);
    assertThat(filter.matches(TypeDescription.ForLoadedType.of(String.class))).as("no file at hand: passes").isTrue();
  }

  @Test
  void findsPatternsAnywhereIncludingTheEnds() {
    byte[] hay = "executeQuery..prepare".getBytes(StandardCharsets.US_ASCII);
    assertThat(ClassFileHints.contains(hay, "execute".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(ClassFileHints.contains(hay, "prepare".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(ClassFileHints.contains(hay, "prepared".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(ClassFileHints.contains(new byte[3], "prepare".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  private static byte[] classFile(Class<?> type) throws Exception {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
