package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IgnoredTypesTest {
  @Test
  void theAgentAndTheJdkAreIgnoredExceptWhatIsInstrumentedOnPurpose() {
    assertThat(IgnoredTypes.ignored("java/lang/invoke/MethodHandle$1")).isTrue();
    assertThat(IgnoredTypes.ignored("java/lang/invoke/LambdaForm$MH")).isTrue();
    assertThat(IgnoredTypes.ignored("dev/vigil/agent/tooling/Weaver")).isTrue();
    assertThat(IgnoredTypes.ignored("dev/vigil/shaded/bytebuddy/ByteBuddy")).isTrue();
    assertThat(IgnoredTypes.ignored("jdk/internal/misc/Unsafe")).isTrue();
    assertThat(IgnoredTypes.ignored("org/example/Foo$$Lambda$12")).isTrue();

    assertThat(IgnoredTypes.ignored("java/util/concurrent/ThreadPoolExecutor")).isFalse();
    assertThat(IgnoredTypes.ignored("com/sun/net/httpserver/Filter$Chain")).isFalse();
    assertThat(IgnoredTypes.ignored("dev/vigil/shop/ShopMain")).as("an application under dev.vigil").isFalse();
    assertThat(IgnoredTypes.ignored("org/h2/jdbc/JdbcStatement")).isFalse();
  }
}
