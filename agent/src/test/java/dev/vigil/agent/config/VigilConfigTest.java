package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.support.CapturedStderr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VigilConfigTest {
  @TempDir
  Path dir;

  private final Map<String, String> sys = new HashMap<>();
  private final Map<String, String> env = new HashMap<>();
  private String args = "";

  private VigilConfig config() {
    return new VigilConfig(sys, VigilConfig.parseArgs(args), env);
  }

  @Test
  void precedenceIsSystemPropertyThenAgentArgsThenEnvThenFileThenDefault() throws Exception {
    Path file = dir.resolve("vigil.properties");
    Files.writeString(file, "vigil.prometheus.port=5005\n");
    sys.put("vigil.config", file.toString());
    assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).as("file").isEqualTo(5005);

    env.put("VIGIL_PROMETHEUS_PORT", "5004");
    assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).as("env over file").isEqualTo(5004);

    args = "prometheus.port=5003";
    assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).as("agent args over env").isEqualTo(5003);

    sys.put("vigil.prometheus.port", "5002");
    assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).as("system property over agent args").isEqualTo(5002);

    sys.clear();
    env.clear();
    args = "";
    assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).as("default").isEqualTo(9464);
  }

  @Test
  void configFileCanComeFromTheEnvironment() throws Exception {
    Path file = dir.resolve("from-env.properties");
    Files.writeString(file, "vigil.service.name=checkout\n");
    env.put("VIGIL_CONFIG", file.toString());
    assertThat(config().serviceName()).isEqualTo("checkout");
  }

  @Test
  void agentArgumentsTakeKeysWithOrWithoutThePrefix() {
    assertThat(VigilConfig.parseArgs("prometheus.port=0, vigil.log.level = debug,junk,=x"))
        .containsExactly(Map.entry("vigil.prometheus.port", "0"), Map.entry("vigil.log.level", "debug"));
    assertThat(VigilConfig.parseArgs(null)).isEmpty();
    assertThat(VigilConfig.parseArgs("  ")).isEmpty();
  }

  @Test
  void environmentNamesAreUpperCaseWithUnderscores() {
    assertThat(ConfigKeys.PROMETHEUS_PORT.envName()).isEqualTo("VIGIL_PROMETHEUS_PORT");
    assertThat(ConfigKeys.MAX_ENDPOINTS.envName()).isEqualTo("VIGIL_METRICS_MAX_ENDPOINTS");
    env.put("VIGIL_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED", "false");
    assertThat(config().instrumentationEnabled("jdk-httpserver")).isFalse();
    assertThat(config().instrumentationEnabled("servlet-javax")).isTrue();
  }

  @Test
  void valuesAreTrimmed() {
    sys.put("vigil.prometheus.port", " 7070 ");
    sys.put("vigil.enabled", " FALSE ");
    assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).isEqualTo(7070);
    assertThat(config().getBoolean(ConfigKeys.ENABLED)).isFalse();
  }

  @ParameterizedTest(name = "{0}={1} logs one line and uses {2}")
  @CsvSource({
      "vigil.prometheus.port, abc, 9464",
      "vigil.prometheus.port, 12.5, 9464",
      "vigil.metrics.max_endpoints, lots, 500",
      "vigil.apdex.threshold, soon, 500ms",
      "vigil.apdex.threshold, -5s, 500ms",
      "vigil.signals.window, 1.5m, 60s",
      "vigil.enabled, yes, true",
  })
  void aBadValueLogsOneLineNamingKeyValueAndDefault(String key, String value, String defaultValue) {
    sys.put(key, value);
    VigilConfig config = config();
    ConfigKey configKey = ConfigKeys.all().stream().filter(k -> k.name.equals(key)).findFirst().orElseThrow();
    Object used;
    try (CapturedStderr err = CapturedStderr.start()) {
      switch (configKey.type) {
        case INT: used = config.getInt(configKey); break;
        case DURATION: used = config.getDurationMillis(configKey); break;
        case BOOLEAN: used = config.getBoolean(configKey); break;
        default: throw new AssertionError(configKey.type);
      }
      assertThat(err.lines()).singleElement().asString()
          .startsWith("[vigil] WARN")
          .contains(key + "=" + value)
          .contains("default " + defaultValue);
    }
    Object expected = configKey.type == ConfigKey.Type.DURATION ? VigilConfig.parseDurationMillis(defaultValue)
        : configKey.type == ConfigKey.Type.INT ? (Object) Integer.parseInt(defaultValue)
        : (Object) Boolean.parseBoolean(defaultValue);
    assertThat(used).isEqualTo(expected);
  }

  @Test
  void goodValuesLogNothing() {
    sys.put("vigil.prometheus.port", "0");
    try (CapturedStderr err = CapturedStderr.start()) {
      assertThat(config().getInt(ConfigKeys.PROMETHEUS_PORT)).isZero();
      assertThat(err.lines()).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"250ms, 250", "60s, 60000", "2m, 120000", "1h, 3600000", "1500, 1500", "' 5 s ', 5000", "0, 0",
      "10MS, 10"})
  void durations(String text, long millis) {
    assertThat(VigilConfig.parseDurationMillis(text)).isEqualTo(millis);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "1.5s", "-1s", "s", "", "5d", "9223372036854775807h"})
  void badDurationsThrow(String text) {
    assertThatThrownBy(() -> VigilConfig.parseDurationMillis(text)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aMissingConfigFileWarnsAndTheOtherSourcesStillCount() {
    sys.put("vigil.config", dir.resolve("absent.properties").toString());
    env.put("VIGIL_PROMETHEUS_PORT", "6001");
    VigilConfig config;
    try (CapturedStderr err = CapturedStderr.start()) {
      config = config();
      assertThat(err.lines()).singleElement().asString()
          .startsWith("[vigil] WARN").contains("absent.properties").contains("vigil.config");
    }
    assertThat(config.getInt(ConfigKeys.PROMETHEUS_PORT)).isEqualTo(6001);
  }

  @Test
  void serviceNameFallsBackThroughTheOpenTelemetryVariables() {
    assertThat(config().serviceName()).isEqualTo("unknown_service:java");
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=from%20attributes");
    assertThat(config().serviceName()).isEqualTo("from attributes");
    assertThat(config().resourceAttributes()).containsEntry("deployment.environment", "prod");
    env.put("OTEL_SERVICE_NAME", "from-otel");
    assertThat(config().serviceName()).isEqualTo("from-otel");
    sys.put("otel.service.name", "from-otel-property");
    assertThat(config().serviceName()).isEqualTo("from-otel-property");
    env.put("VIGIL_SERVICE_NAME", "from-vigil");
    assertThat(config().serviceName()).isEqualTo("from-vigil");
  }

  @Test
  void everyKeyHasADocumentedDefaultThatParses() {
    VigilConfig config = config();
    try (CapturedStderr err = CapturedStderr.start()) {
      for (ConfigKey key : ConfigKeys.all()) {
        assertThat(key.description).as(key.name).isNotBlank();
        switch (key.type) {
          case INT: config.getInt(key); break;
          case DURATION: config.getDurationMillis(key); break;
          case BOOLEAN: config.getBoolean(key); break;
          default: config.getString(key);
        }
      }
      assertThat(err.lines()).isEmpty();
    }
  }
}
