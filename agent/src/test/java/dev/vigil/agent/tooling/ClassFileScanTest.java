package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassFileScanTest {
  /** Hint 0: declares execute* with no argument or a String first; hint 1: declares service(ServletRequest, ...). */
  private final ClassFileScan scan = new ClassFileScan(List.of("execute", "executeQuery", "service"),
      List.of("()", "(Ljava/lang/String;", "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;)"),
      new long[] {0b011, 0b100}, new long[] {0b011000, 0b100000});

  @Test
  void passesOnlyClassesThatDeclareTheMethodWithTheArguments() throws Exception {
    assertThat(scan.scan(file(java.sql.Statement.class))).as("declares executeQuery(String)").isEqualTo(0b01);
    assertThat(scan.scan(file(javax.servlet.http.HttpServlet.class))).as("declares service(ServletRequest, ...)")
        .isEqualTo(0b10);
    assertThat(scan.scan(file(java.util.concurrent.Executor.class))).as("execute(Runnable): other arguments")
        .isZero();
    assertThat(scan.scan(file(java.util.concurrent.AbstractExecutorService.class)))
        .as("calls execute(Runnable) but declares no such method").isZero();
    assertThat(scan.scan(file(String.class))).isZero();
  }

  @Test
  void aConstantHintPassesClassesWhosePoolHoldsIt() throws Exception {
    ClassFileScan annotated = new ClassFileScan(List.of("execute"), List.of(), new long[] {0b1, 0},
        new long[] {0, 0}, List.of("Ljava/lang/Deprecated;"), new long[] {0, 0b1});
    assertThat(annotated.scan(file(Thread.class))).as("has @Deprecated methods").isEqualTo(0b10);
    assertThat(annotated.scan(file(java.util.concurrent.Executor.class))).as("declares execute, nothing deprecated")
        .isEqualTo(0b01);
    assertThat(annotated.scan(file(java.util.concurrent.Callable.class))).isZero();
  }

  @Test
  void aFileItCannotReadPassesEveryHint() throws Exception {
    assertThat(scan.scan(null)).isEqualTo(ClassFileScan.ALL);
    assertThat(scan.scan(new byte[] {1, 2, 3})).isEqualTo(ClassFileScan.ALL);
    byte[] truncated = java.util.Arrays.copyOf(file(java.sql.Statement.class), 300);
    assertThat(scan.scan(truncated)).isEqualTo(ClassFileScan.ALL);
  }

  static byte[] file(Class<?> type) throws Exception {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
