package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.LoggingApps;
import dev.vigil.its.support.OtlpLogReceiver;
import dev.vigil.its.support.OtlpLogReceiver.Received;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OTLP log export, on by default once an OTLP endpoint is configured (as OTEL_LOGS_EXPORTER=otlp, the OpenTelemetry
 * default) and off with OTEL_LOGS_EXPORTER=none or vigil.logs.exporter=none: the application's records arrive at an OTLP receiver decoded from the
 * protobuf the agent sent, with level, logger, message, exception and the trace context of the server span the trace
 * receiver got; a receiver that cannot keep up makes records drop, counted, and never blocks the application.
 */
class LogsOtlpIT {
  @ParameterizedTest
  @ValueSource(strings = {"logback", "log4j2"})
  void recordsArriveWithLevelLoggerExceptionAndTraceContext(String app) throws Exception {
    try (OtlpReceiver traces = OtlpReceiver.start();
        OtlpLogReceiver logs = OtlpLogReceiver.start();
        AgentJvm jvm = LoggingApps.builder(app)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
            .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs.logsEndpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .sysProp("vigil.logs.export_interval", "200ms")
            .start()) {
      int port = jvm.awaitReady();
      Map<String, String> traceByRequest = new LinkedHashMap<>();
      for (int i = 0; i < 5; i++) {
        String traceId = LoggingApps.newTraceId();
        traceByRequest.put("q" + i, traceId);
        assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=q" + i, "traceparent",
            LoggingApps.traceparent(traceId)).statusCode()).isEqualTo(200);
      }
      List<ReceivedSpan> spans = traces.await(s -> traceByRequest.values().stream().allMatch(t -> s.stream()
          .anyMatch(span -> span.traceId.equals(t) && span.kind == SpanKind.SPAN_KIND_SERVER)), AgentJvm.PATIENCE);
      LoggingApps.runOutside(jvm, 1);
      List<Received> records = logs.await(r -> traceByRequest.keySet().stream().allMatch(id -> r.stream()
          .anyMatch(x -> x.body.equals("inside-request-error id=" + id)))
          && r.stream().filter(x -> x.body.endsWith(" 0") && x.body.startsWith("outside-task")).count() == 2,
          AgentJvm.PATIENCE);

      String logger = app.equals("logback") ? "org.example.logging.logback.LogbackApp"
          : "org.example.logging.log4j2.Log4j2App";
      for (Map.Entry<String, String> request : traceByRequest.entrySet()) {
        String id = request.getKey();
        ReceivedSpan server = spans.stream().filter(s -> s.traceId.equals(request.getValue())
            && s.kind == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        Received info = one(records, "inside-request id=" + id);
        assertThat(info.traceId).isEqualTo(server.traceId);
        assertThat(info.spanId).isEqualTo(server.spanId);
        assertThat(info.severityText).isEqualTo("INFO");
        assertThat(info.severityNumber).isEqualTo(9);
        assertThat(info.scope).isEqualTo(logger);
        assertThat(info.attributes).containsKey("thread.name");
        assertThat(info.resource).containsKey("service.name");
        Received error = one(records, "inside-request-error id=" + id);
        assertThat(error.traceId).isEqualTo(server.traceId);
        assertThat(error.spanId).isEqualTo(server.spanId);
        assertThat(error.severityText).isEqualTo("WARN");
        assertThat(error.severityNumber).isEqualTo(13);
        assertThat(error.attributes).containsEntry("exception.type", "java.lang.IllegalStateException")
            .containsEntry("exception.message", "failure in request " + id);
        assertThat(error.attributes.get("exception.stacktrace")).contains("at org.example.logging.LoggingService");
      }
      for (String body : List.of("outside-task http 0", "outside-task worker 0")) {
        Received outside = one(records, body);
        assertThat(outside.traceId).as("a record written outside a span has no trace context").isEmpty();
        assertThat(outside.spanId).isEmpty();
      }

      Scrape scrape = jvm.awaitScrape(s -> s.sum("vigil_exporter_logs_exported_total") >= records.size());
      assertThat(scrape.sum("vigil_exporter_logs_dropped_total", "reason", "queue_full")).isZero();
      assertThat(scrape.sum("vigil_exporter_logs_dropped_total", "reason", "export_failed")).isZero();
    }
  }

  @Test
  void onByDefaultToTheGeneralEndpoint() throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start();
        AgentJvm jvm = LoggingApps.builder("logback").env("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint())
            .sysProp("vigil.logs.export_interval", "200ms").start()) {
      jvm.awaitReady();
      LoggingApps.runOutside(jvm, 3);
      Scrape scrape = jvm.awaitScrape(s -> s.sum("vigil_exporter_logs_exported_total") >= 6);
      assertThat(otlp.logRecords()).as("records at the endpoint's /v1/logs").isGreaterThanOrEqualTo(6);
      assertThat(scrape.sum("vigil_exporter_logs_dropped_total")).isZero();
      assertThat(jvm.output()).contains("[vigil] INFO logs to " + otlp.endpoint() + "/v1/logs");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"OTEL_LOGS_EXPORTER", "VIGIL_LOGS_EXPORTER"})
  void noneTurnsItOff(String variable) throws Exception {
    try (OtlpReceiver otlp = OtlpReceiver.start();
        AgentJvm jvm = LoggingApps.builder("logback").env("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "200").env(variable, "none").start()) {
      int port = jvm.awaitReady();
      jvm.awaitLine(l -> l.contains("[vigil] INFO started in"), AgentJvm.PATIENCE);
      String traceId = LoggingApps.newTraceId();
      assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=q0", "traceparent",
          LoggingApps.traceparent(traceId)).statusCode()).isEqualTo(200);
      // traces still go out; the log export was never set up, so nothing can arrive later either
      otlp.await(spans -> spans.stream().anyMatch(s -> s.traceId.equals(traceId)), AgentJvm.PATIENCE);
      assertThat(jvm.output()).contains("[vigil] INFO traces to").doesNotContain("[vigil] INFO logs to");
      Scrape scrape = jvm.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1);
      assertThat(scrape.find("vigil_exporter_logs_exported_total")).isEmpty();
      assertThat(otlp.logRecords()).isZero();
    }
  }

  @Test
  void aSlowReceiverMakesRecordsDropCountedWithoutBlockingTheApplication() throws Exception {
    try (OtlpLogReceiver logs = OtlpLogReceiver.start().delay(Duration.ofSeconds(2));
        AgentJvm jvm = LoggingApps.builder("logback")
            .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs.logsEndpoint())
            .env("OTEL_LOGS_EXPORTER", "otlp")
            .sysProp("vigil.logs.queue_size", "64")
            .start()) {
      jvm.awaitReady();
      List<LoggingApps.Line> lines = LoggingApps.runOutside(jvm, 10_000);
      assertThat(lines.stream().filter(l -> l.message.startsWith("outside-task")).count()).isEqualTo(20_000);
      Scrape scrape = jvm.awaitScrape(s -> s.sum("vigil_exporter_logs_dropped_total", "reason", "queue_full") > 0);
      double dropped = scrape.sum("vigil_exporter_logs_dropped_total", "reason", "queue_full");
      assertThat(dropped).as("records dropped by the full queue").isGreaterThan(10_000);
      assertThat(dropped).isLessThanOrEqualTo(20_001);
    }
  }

  /**
   * Each message is cut to vigil.logs.max_value_length before it is queued, named cut on the record, and the queue
   * holds at most vigil.logs.queue_max_bytes: here about 50 records, far below its 2048 slots, so behind a slow
   * receiver it is the byte budget that drops, counted.
   */
  @Test
  void longMessagesAreCutAndTheQueuesByteBudgetDropsCounted() throws Exception {
    try (OtlpLogReceiver logs = OtlpLogReceiver.start().delay(Duration.ofSeconds(2));
        AgentJvm jvm = LoggingApps.builder("logback")
            .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs.logsEndpoint())
            .env("OTEL_LOGS_EXPORTER", "otlp")
            .sysProp("vigil.logs.max_value_length", "12")
            .sysProp("vigil.logs.queue_max_bytes", "8192")
            .sysProp("vigil.logs.export_interval", "200ms")
            .start()) {
      jvm.awaitReady();
      LoggingApps.runOutside(jvm, 5_000);
      List<Received> records = logs.await(r -> r.stream().anyMatch(x -> x.body.equals("outside-task")),
          AgentJvm.PATIENCE);
      assertThat(records).allSatisfy(r -> assertThat(r.body).hasSizeLessThanOrEqualTo(12));
      assertThat(records).filteredOn(r -> r.body.equals("outside-task")) // "outside-task http 0" and the like
          .allSatisfy(r -> assertThat(r.attributes.get("vigil.log.cut")).contains("\"body\""));
      Scrape scrape = jvm.awaitScrape(s -> s.sum("vigil_exporter_logs_dropped_total", "reason", "queue_bytes") > 0);
      assertThat(scrape.sum("vigil_exporter_logs_dropped_total", "reason", "queue_bytes"))
          .as("dropped by the byte budget").isGreaterThan(5_000);
      assertThat(scrape.sum("vigil_exporter_logs_dropped_total", "reason", "queue_full")).isZero();
      assertThat(scrape.sum("vigil_exporter_logs_cut_total")).isGreaterThanOrEqualTo(10_000);
    }
  }

  private static Received one(List<Received> records, String body) {
    List<Received> found = records.stream().filter(r -> r.body.equals(body)).toList();
    assertThat(found).as("records with body " + body).hasSize(1);
    return found.get(0);
  }
}
