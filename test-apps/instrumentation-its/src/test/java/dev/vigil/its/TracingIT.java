package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SERVER spans of the JDK HttpServer, exported over OTLP/HTTP to a receiver that decodes what really arrived. */
class TracingIT {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT_ID = "00f067aa0ba902b7";

  static AgentJvm.Builder tracedApp(OtlpReceiver receiver) {
    return AgentJvm.builder(JdkHttpServerApp.class)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_SERVICE_NAME", "orders")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100");
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void serverSpansContinueTheCallersTrace(String javaHome) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = tracedApp(receiver).javaHome(javaHome)
            .env("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
            .env("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=s3cr%20t")
            .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=it").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/orders/1001", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
          "baggage", "tenant=acme", "User-Agent", "tracing-it").statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/missing/7").statusCode()).isEqualTo(404);
      try {
        Http.send("POST", base + "/boom");
      } catch (IllegalStateException expected) {
        // the app's exception closes the connection
      }

      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= 3, AgentJvm.PATIENCE);
      assertThat(spans).hasSize(3).allMatch(s -> s.kind == SpanKind.SPAN_KIND_SERVER);
      ReceivedSpan order = one(spans, "GET /orders/{id}");
      assertThat(order.traceId).isEqualTo(TRACE_ID);
      assertThat(order.parentSpanId).isEqualTo(PARENT_ID);
      assertThat(order.status).isEqualTo(StatusCode.STATUS_CODE_UNSET);
      assertThat(order.attributes).containsEntry("http.request.method", "GET")
          .containsEntry("http.route", "/orders/{id}").containsEntry("url.path", "/orders/1001")
          .containsEntry("url.scheme", "http").containsEntry("http.response.status_code", "200")
          .containsEntry("server.address", "127.0.0.1").containsEntry("client.address", "127.0.0.1")
          .containsEntry("user_agent.original", "tracing-it").containsEntry("network.protocol.version", "1.1")
          .containsKey("server.port");
      assertThat(order.resource).containsEntry("service.name", "orders")
          .containsEntry("deployment.environment.name", "it").containsKeys("host.name", "process.pid",
              "telemetry.sdk.version");

      ReceivedSpan missing = one(spans, "GET");
      assertThat(missing.attributes).as("no route matched: OpenTelemetry leaves http.route out")
          .doesNotContainKey("http.route").containsEntry("url.path", "/missing/7");
      assertThat(missing.traceId).as("no traceparent: a new trace").isNotEqualTo(TRACE_ID).matches("[0-9a-f]{32}");
      assertThat(missing.parentSpanId).isEmpty();
      assertThat(missing.status).as("4xx is not a server error").isEqualTo(StatusCode.STATUS_CODE_UNSET);

      ReceivedSpan boom = one(spans, "POST /boom");
      assertThat(boom.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(boom.attributes).containsEntry("error.type", "java.lang.IllegalStateException");
      assertThat(boom.events).anySatisfy(e -> {
        assertThat(e.name).isEqualTo("exception");
        assertThat(e.attributes).containsEntry("exception.type", "java.lang.IllegalStateException")
            .containsEntry("exception.message", "boom from the app");
      });

      assertThat(receiver.contentEncodings()).isNotEmpty().allMatch("gzip"::equals);
      assertThat(receiver.requestHeaders()).allSatisfy(h -> assertThat(h).containsEntry("x-api-key", "s3cr t"));

      Scrape scrape = app.awaitScrape(s -> s.sum("vigil_exporter_spans_exported_total") >= 3);
      assertThat(scrape.sum("vigil_exporter_spans_ended_total")).isEqualTo(3);
      assertThat(scrape.sum("vigil_exporter_spans_exported_total")).isEqualTo(3);
      assertThat(scrape.sum("vigil_exporter_spans_dropped_total")).isEqualTo(0);

      // the exemplar of the bucket the traced request fell in names its trace
      String openMetrics = app.scrapeOpenMetrics();
      Matcher m = Pattern.compile("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/orders/\\{id\\}\"[^}]*\\}"
          + " \\d+ # \\{trace_id=\"([0-9a-f]{32})\",span_id=\"([0-9a-f]{16})\"\\}").matcher(openMetrics);
      assertThat(m.find()).as(openMetrics).isTrue();
      assertThat(m.group(1)).isEqualTo(TRACE_ID);
      assertThat(m.group(2)).isEqualTo(order.spanId);
      assertThat(app.scrape()).as("text 0.0.4 has no exemplars").doesNotContain("trace_id");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void malformedContextStartsNewTraces(String javaHome) throws Exception {
    List<String[]> inputs = MalformedHeaders.generate(300, 42);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = tracedApp(receiver).javaHome(javaHome).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < inputs.size(); i++) {
        String[] h = inputs.get(i);
        assertThat(Http.get(base + "/m/" + i, "traceparent", h[0], "tracestate", h[1], "baggage", h[2]).statusCode())
            .as("request %d with %s", i, String.join(" | ", h)).isEqualTo(200);
      }
      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= inputs.size(), AgentJvm.PATIENCE);
      assertThat(spans).hasSize(inputs.size());
      assertThat(spans).as("every malformed context starts a new trace").allSatisfy(s -> {
        assertThat(s.parentSpanId).as(s.toString()).isEmpty();
        assertThat(s.traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
      });
      assertThat(spans.stream().map(s -> s.traceId).collect(Collectors.toSet())).hasSize(inputs.size());
      assertThat(app.output()).doesNotContain("Exception");
    }
  }

  static ReceivedSpan one(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> named = spans.stream().filter(s -> s.name.equals(name)).collect(Collectors.toList());
    assertThat(named).as("spans named %s among %s", name, spans).hasSize(1);
    return named.get(0);
  }
}
