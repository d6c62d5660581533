package dev.vigil.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

/** OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT and OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT on an exported record. */
class LogRecordViewLimitsTest {
  private static LogEntry entry() {
    return new LogEntry(1L, "WARN", "app", "failed", new IllegalStateException("a long message"), null, "worker-1");
  }

  @Test
  void withoutLimitsEveryAttributeIsKeptWhole() {
    LogRecordView view = new LogRecordView(entry(), Resource.empty());
    assertThat(view.getAttributes().size()).isEqualTo(4); // thread.name and exception type, message, stack trace
    assertThat(view.getTotalAttributeCount()).isEqualTo(4);
    assertThat(view.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("a long message");
  }

  @Test
  void limitsCutValuesAndDropAttributesCountingThem() {
    LogRecordView view = new LogRecordView(entry(), Resource.empty(), 2, 6);
    assertThat(view.getAttributes().size()).isEqualTo(2);
    assertThat(view.getTotalAttributeCount()).as("dropped = total - kept").isEqualTo(4);
    view.getAttributes().forEach((k, v) -> assertThat(((String) v).length()).isLessThanOrEqualTo(6));
    assertThat(view.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("a long");
  }

  @Test
  void whatWasCutIsNamedOnTheRecord() {
    LogEntry cut = new LogEntry(1L, "WARN", "app", "a message longer than ten", new IllegalStateException("short"),
        null, "worker-1").cut(10);
    LogRecordView view = new LogRecordView(cut, Resource.empty(), 128, 10);
    assertThat(view.getBodyValue().asString()).isEqualTo("a message ");
    assertThat(view.getAttributes().get(LogRecordView.CUT)).containsExactlyInAnyOrder("body", "exception.type",
        "exception.stacktrace");
    assertThat(view.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("short");
    assertThat(view.getTotalAttributeCount()).isEqualTo(view.getAttributes().size());
    assertThat(new LogRecordView(entry(), Resource.empty(), 128, 100_000).getAttributes().get(LogRecordView.CUT))
        .as("nothing cut").isNull();
  }
}
