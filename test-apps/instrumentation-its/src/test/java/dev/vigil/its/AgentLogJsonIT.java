package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * vigil.log.format=json: every line the agent writes is one JSON object (time, level, logger, thread, message), a bad
 * config value included, and no agent line is left in the text format.
 */
class AgentLogJsonIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyAgentLineIsOneJsonObject() throws Exception {
    try (AgentJvm jvm = AgentJvm.builder(JdkHttpServerApp.class)
        .sysProp("vigil.log.format", "json")
        .sysProp("vigil.signals.window", "forever")
        .start()) {
      jvm.awaitLine(l -> l.startsWith("READY "), AgentJvm.PATIENCE);
      jvm.awaitLine(l -> l.startsWith("{") && l.contains("\"started in "), AgentJvm.PATIENCE);
      List<String> agentLines = jvm.output().lines().filter(l -> l.startsWith("{") || l.startsWith("[vigil]"))
          .collect(Collectors.toList());
      assertThat(agentLines).noneMatch(l -> l.startsWith("[vigil]"));
      assertThat(agentLines).hasSizeGreaterThanOrEqualTo(2);
      boolean sawConfigWarning = false;
      for (String line : agentLines) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as(line).isTrue();
        assertThat(node.path("logger").asText()).as(line).isEqualTo("vigil");
        assertThat(node.path("level").asText()).as(line).isIn("DEBUG", "INFO", "WARN", "ERROR");
        assertThat(node.path("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(node.path("thread").asText()).as(line).isNotEmpty();
        sawConfigWarning |= node.path("level").asText().equals("WARN")
            && node.path("message").asText().contains("vigil.signals.window=forever");
      }
      assertThat(sawConfigWarning).as("the bad config value is reported as a JSON line").isTrue();
    }
  }
}
