package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.LoggingApps;
import dev.vigil.its.support.OtlpLogReceiver;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard OpenTelemetry settings with the real jar: OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER none and console,
 * per-signal OTLP endpoints each reaching its own receiver, and the detected resource on spans, logs, OTLP metrics
 * and target_info.
 */
class OtelConfigIT {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Test
  void sdkDisabledExportsNothingAndTheApplicationRuns() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        OtlpLogReceiver logs = OtlpLogReceiver.start();
        AgentJvm jvm = LoggingApps.builder("logback")
            .env("OTEL_SDK_DISABLED", "true")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs.logsEndpoint())
            .env("OTEL_TRACES_EXPORTER", "otlp")
            .env("OTEL_METRICS_EXPORTER", "otlp")
            .env("OTEL_LOGS_EXPORTER", "otlp")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "200")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .start()) {
      int port = jvm.awaitReady();
      for (int i = 0; i < 5; i++) {
        assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=d" + i).statusCode()).isEqualTo(200);
      }
      // The agent is up and recording (the requests are counted), and it never set up an exporter: its start-up
      // line is written after every exporter was set up, and no exporter's counters exist.
      Scrape scrape = jvm.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 5);
      jvm.awaitLine(l -> l.contains("started in"), AgentJvm.PATIENCE);
      assertThat(scrape.find("vigil_exporter_spans_exported_total")).isEmpty();
      assertThat(scrape.find("vigil_exporter_metrics_exported_total")).isEmpty();
      assertThat(scrape.find("vigil_exporter_logs_exported_total")).isEmpty();
      assertThat(jvm.output()).doesNotContain("traces to").doesNotContain("metrics to").doesNotContain("logs to");
      assertThat(receiver.requests()).isZero();
      assertThat(receiver.metrics()).isEmpty();
      assertThat(logs.records()).isEmpty();
    }
  }

  @Test
  void tracesExporterNoneSendsNoSpansAndConsolePrintsOneLinePerSpan() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      try (AgentJvm jvm = LoggingApps.builder("logback")
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
          .env("OTEL_TRACES_EXPORTER", "none")
          .start()) {
        int port = jvm.awaitReady();
        assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=n1").statusCode()).isEqualTo(200);
        Scrape scrape = jvm.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1);
        assertThat(scrape.find("vigil_exporter_spans_exported_total")).as("tracing was never installed").isEmpty();
      }
      String traceId = LoggingApps.newTraceId();
      try (AgentJvm jvm = LoggingApps.builder("logback")
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
          .env("OTEL_TRACES_EXPORTER", "console")
          .env("OTEL_BSP_SCHEDULE_DELAY", "100")
          .start()) {
        int port = jvm.awaitReady();
        assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=c1", "traceparent",
            LoggingApps.traceparent(traceId)).statusCode()).isEqualTo(200);
        String line = jvm.awaitLine(l -> l.startsWith("[vigil] span ") && l.contains("trace_id=" + traceId),
            AgentJvm.PATIENCE);
        assertThat(line).contains("SERVER").contains("span_id=").contains("duration_ms=")
            .contains("http.request.method=GET");
        Scrape scrape = jvm.awaitScrape(s -> s.sum("vigil_exporter_spans_exported_total") >= 1);
        assertThat(scrape.sum("vigil_exporter_spans_exported_total")).isGreaterThanOrEqualTo(1);
      }
      assertThat(receiver.requests()).as("none and console send nothing over OTLP").isZero();
    }
  }

  @Test
  void perSignalEndpointsReachTheirOwnReceiverWithTheSameDetectedResource() throws Exception {
    try (OtlpReceiver general = OtlpReceiver.start();
        OtlpReceiver traces = OtlpReceiver.start();
        OtlpLogReceiver logs = OtlpLogReceiver.start();
        AgentJvm jvm = LoggingApps.builder("logback")
            .env("OTEL_SERVICE_NAME", "config-it")
            .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=it%20env,service.version=1.2.3,broken")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", general.endpoint())
            .env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint() + "/v1/traces")
            .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs.logsEndpoint())
            .env("OTEL_LOGS_EXPORTER", "otlp")
            .env("OTEL_METRICS_EXPORTER", "otlp")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "300")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .env("OTEL_BLRP_SCHEDULE_DELAY", "100")
            .start()) {
      int port = jvm.awaitReady();
      String traceId = LoggingApps.newTraceId();
      assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=r1", "traceparent",
          LoggingApps.traceparent(traceId)).statusCode()).isEqualTo(200);
      List<ReceivedSpan> spans = traces.await(s -> s.stream().anyMatch(x -> x.traceId.equals(traceId)
          && x.kind == SpanKind.SPAN_KIND_SERVER), AgentJvm.PATIENCE);
      List<OtlpLogReceiver.Received> records = logs.await(r -> r.stream()
          .anyMatch(x -> x.body.equals("inside-request id=r1")), AgentJvm.PATIENCE);
      Map<String, String> metricsResource = awaitMetricsResource(general);

      Map<String, String> resource = spans.get(0).resource;
      assertThat(resource).containsEntry("service.name", "config-it")
          .containsEntry("deployment.environment", "it env")
          .containsEntry("service.version", "1.2.3")
          .containsEntry("process.pid", String.valueOf(jvm.process().pid()))
          .containsEntry("telemetry.sdk.language", "java")
          .containsEntry("telemetry.sdk.name", "opentelemetry")
          .containsEntry("telemetry.distro.name", "vigil")
          .containsEntry("os.type", "linux")
          .containsKeys("host.name", "host.arch", "os.description", "process.executable.path",
              "process.runtime.name", "process.runtime.version", "process.runtime.description",
              "telemetry.sdk.version")
          .doesNotContainKey("broken");
      assertThat(resource.get("service.instance.id")).matches(UUID);
      assertThat(records.get(0).resource.get("service.instance.id")).isEqualTo(resource.get("service.instance.id"));
      assertThat(metricsResource).containsEntry("service.instance.id", resource.get("service.instance.id"))
          .containsEntry("service.name", "config-it").containsEntry("deployment.environment", "it env");
      assertThat(general.spans()).as("spans went to the traces endpoint only").isEmpty();
      assertThat(general.requests()).isZero();
      assertThat(traces.metrics()).as("metrics went to the general endpoint").isEmpty();

      Scrape scrape = new Scrape(jvm.scrape());
      List<Scrape.Sample> info = scrape.find("target_info");
      assertThat(info).hasSize(1);
      assertThat(info.get(0).labels).containsEntry("service_instance_id", resource.get("service.instance.id"))
          .containsEntry("service_name", "config-it").containsEntry("deployment_environment", "it env");
      assertThat(jvm.output()).contains("OTEL_RESOURCE_ATTRIBUTES entry broken is not key=value; skipped");
    }
  }

  private static Map<String, String> awaitMetricsResource(OtlpReceiver receiver) throws InterruptedException {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (ExportMetricsServiceRequest r : receiver.metrics()) {
        if (r.getResourceMetricsCount() > 0) {
          Map<String, String> out = new LinkedHashMap<>();
          for (KeyValue kv : r.getResourceMetrics(0).getResource().getAttributesList()) {
            out.put(kv.getKey(), kv.getValue().getStringValue());
          }
          return out;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no OTLP metrics within " + AgentJvm.PATIENCE);
  }
}
