package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.LogHandler;
import dev.vigil.bootstrap.LogMdc;
import dev.vigil.jul.TraceFormatter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogRecorderTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private static final Span SAMPLED = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(),
      TraceState.getDefault()));

  @AfterEach
  void uninstall() {
    Bridge.install((LogHandler) null);
  }

  @Test
  void idsOfTheCurrentSpanUnderTheConfiguredKeysAndNoneOutside() {
    LogRecorder recorder = new LogRecorder(true, "tid", "sid", "flags", null);
    assertThat(recorder.currentIds()).isNull();
    try (Scope ignored = SAMPLED.makeCurrent()) {
      assertThat(recorder.currentIds()).containsExactly("tid", TRACE, "sid", SPAN, "flags", "01");
    }
    assertThat(recorder.currentIds()).as("after the span's scope closed").isNull();
  }

  @Test
  void offMeansNoIds() {
    LogRecorder recorder = new LogRecorder(false, "trace_id", "span_id", "trace_flags", null);
    try (Scope ignored = SAMPLED.makeCurrent()) {
      assertThat(recorder.currentIds()).isNull();
    }
  }

  @Test
  void mdcMapGetsIdsInANewMapAndKeepsTheApplicationsOwnKeys() {
    Bridge.install(new LogRecorder(true, "trace_id", "span_id", "trace_flags", null));
    Map<String, String> mdc = Map.of("user", "ann", "span_id", "set-by-app");
    assertThat(LogMdc.withTraceIds(mdc)).isSameAs(mdc);
    try (Scope ignored = SAMPLED.makeCurrent()) {
      Map<String, String> with = LogMdc.withTraceIds(mdc);
      assertThat(with).containsEntry("user", "ann").containsEntry("trace_id", TRACE)
          .containsEntry("span_id", "set-by-app").containsEntry("trace_flags", "01");
      assertThat(mdc).hasSize(2);
      assertThat(LogMdc.withTraceIds(null)).containsEntry("trace_id", TRACE);
    }
  }

  @Test
  void julFormatterPrintsTheIdsInsideASpanOnly() {
    Bridge.install(new LogRecorder(true, "trace_id", "span_id", "trace_flags", null));
    TraceFormatter formatter = new TraceFormatter();
    LogRecord record = new LogRecord(Level.INFO, "hello {0}");
    record.setParameters(new Object[] {"world"});
    record.setLoggerName("shop");
    assertThat(formatter.format(record)).contains("INFO shop trace_id= span_id= trace_flags= - hello world");
    try (Scope ignored = SAMPLED.makeCurrent()) {
      assertThat(formatter.format(record))
          .contains("INFO shop trace_id=" + TRACE + " span_id=" + SPAN + " trace_flags=01 - hello world");
    }
  }
}
