package dev.vigil.agent.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.agent.db.ExceptionText;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;

/**
 * One agent log line as a JSON object (vigil.log.format=json), written with Jackson's streaming API: {@code time}
 * (ISO-8601 UTC), {@code level}, {@code logger} ("vigil"), {@code thread}, {@code message}, and for a failure
 * {@code error} (its class and message, masked for a database or Redis one) plus {@code stack} at debug level. Never
 * spans lines.
 */
final class JsonLine {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonLine() {}

  static String render(AgentLog.Level level, String message, Throwable t, boolean stack) {
    StringWriter out = new StringWriter(128 + message.length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("level", level.name());
      g.writeStringField("logger", "vigil");
      g.writeStringField("thread", Thread.currentThread().getName());
      g.writeStringField("message", message);
      if (t != null) {
        g.writeStringField("error", ExceptionText.describe(t));
        if (stack) {
          g.writeStringField("stack", ExceptionText.stackTrace(t));
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      return "{\"level\":\"" + level.name() + "\",\"logger\":\"vigil\",\"message\":\"unrenderable log line\"}";
    }
    return out.toString();
  }
}
