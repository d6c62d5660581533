package dev.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.instrumentation.InstrumentationModules;
import dev.vigil.agent.tooling.InstrumentationModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
  private static final Path DOC = Paths.get(System.getProperty("basedir", ".")).resolve("../docs/configuration.md")
      .normalize();

  @Test
  void committedReferenceMatchesConfigKeys() throws Exception {
    assertThat(DOC).as("docs/configuration.md is missing; generate it with: " + ConfigDocs.REGENERATE).exists();
    String committed = new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8);
    assertThat(committed)
        .as("docs/configuration.md differs from what ConfigKeys generates; regenerate it with: " + ConfigDocs.REGENERATE)
        .isEqualTo(ConfigDocs.render());
  }

  @Test
  void everyKeyAndOtelVariableIsListed() {
    String doc = ConfigDocs.render();
    for (ConfigKey key : ConfigKeys.all()) {
      assertThat(doc).contains("| `" + key.name + "` |");
    }
    assertThat(doc).contains("`VIGIL_PROMETHEUS_PORT`", "`VIGIL_INSTRUMENTATION_<NAME>_ENABLED`",
        "`OTEL_SERVICE_NAME`", "`OTEL_RESOURCE_ATTRIBUTES`");
  }

  @Test
  void everyInstrumentationNameIsListed() {
    for (InstrumentationModule module : InstrumentationModules.all()) {
      assertThat(ConfigKeys.INSTRUMENTATION_ENABLED.description).containsPattern(" " + module.name() + "[,.]");
    }
  }

  @Test
  void environmentFormKeepsPlaceholders() {
    assertThat(ConfigDocs.envDisplay("vigil.metrics.max_endpoints")).isEqualTo("VIGIL_METRICS_MAX_ENDPOINTS");
    assertThat(ConfigDocs.envDisplay("vigil.instrumentation.<name>.enabled"))
        .isEqualTo("VIGIL_INSTRUMENTATION_<NAME>_ENABLED");
  }
}
