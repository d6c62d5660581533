package dev.vigil.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.agent.support.CapturedStderr;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentLogTest {
  @AfterEach
  void reset() {
    AgentLog.setFormat(AgentLog.Format.TEXT);
    AgentLog.setLevel(AgentLog.Level.INFO);
    AgentLog.setRepeatInterval(60_000);
  }

  @Test
  void textLinesHaveOnePrefixAndRespectTheLevel() {
    try (CapturedStderr err = CapturedStderr.start()) {
      AgentLog.info("hello");
      AgentLog.debug("hidden");
      AgentLog.error("broken", new IllegalStateException("boom"));
      assertThat(err.lines()).containsExactly("[vigil] INFO hello",
          "[vigil] ERROR broken: java.lang.IllegalStateException: boom");
    }
  }

  @Test
  void aDriverExceptionIsLoggedMaskedInTextAndJsonWithItsStack() {
    SQLException driver = new SQLException("Duplicate entry 'SECRET-1' for key 'PRIMARY'");
    RuntimeException wrapped = new RuntimeException("insert of 'SECRET-2' failed", driver);
    AgentLog.setLevel(AgentLog.Level.DEBUG);
    try (CapturedStderr err = CapturedStderr.start()) {
      AgentLog.error("recording failed", wrapped);
      AgentLog.setFormat(AgentLog.Format.JSON);
      AgentLog.error("recording failed", wrapped);
      List<String> lines = err.lines();
      assertThat(lines.get(0)).isEqualTo("[vigil] ERROR recording failed: java.lang.RuntimeException: insert of ? failed");
      assertThat(lines).anyMatch(l -> l.equals("Caused by: java.sql.SQLException: Duplicate entry ?"))
          .anyMatch(l -> l.startsWith("\tat dev.vigil.agent.logging.AgentLogTest."))
          .anyMatch(l -> l.contains("\"error\":\"java.lang.RuntimeException: insert of ? failed\"")
              && l.contains("\\nCaused by: java.sql.SQLException: Duplicate entry ?\\n"))
          .noneMatch(l -> l.contains("SECRET"));
    }
  }

  @Test
  void repeatsAreWrittenOncePerIntervalWithTheCountSuppressed() {
    AgentLog.setRepeatInterval(3_600_000);
    try (CapturedStderr err = CapturedStderr.start()) {
      for (int i = 0; i < 5; i++) {
        AgentLog.every(AgentLog.Level.WARN, "repeat-test", "export failed", null);
      }
      AgentLog.every(AgentLog.Level.WARN, "repeat-test-other", "another problem", null);
      assertThat(err.lines()).containsExactly("[vigil] WARN export failed", "[vigil] WARN another problem");
      AgentLog.expireRepeats();
      AgentLog.every(AgentLog.Level.WARN, "repeat-test", "export failed", null);
      assertThat(err.lines()).last()
          .isEqualTo("[vigil] WARN export failed (repeated 4 more times since the last line)");
    }
  }

  @Test
  void jsonLinesParseAndCarryTheFields() throws Exception {
    AgentLog.setFormat(AgentLog.Format.JSON);
    try (CapturedStderr err = CapturedStderr.start()) {
      AgentLog.warn("a \"quoted\"\nmulti-line message");
      AgentLog.error("failed", new RuntimeException("why"));
      List<String> lines = err.lines();
      assertThat(lines).hasSize(2);
      Map<String, String> first = parse(lines.get(0));
      assertThat(first).containsEntry("level", "WARN").containsEntry("logger", "vigil")
          .containsEntry("message", "a \"quoted\"\nmulti-line message").containsKeys("time", "thread");
      assertThat(parse(lines.get(1))).containsEntry("level", "ERROR")
          .containsEntry("error", "java.lang.RuntimeException: why");
    }
  }

  static Map<String, String> parse(String line) throws Exception {
    Map<String, String> out = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(line)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        p.nextToken();
        out.put(name, p.getText());
      }
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(p.nextToken()).isNull();
    }
    return out;
  }
}
