package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.LoggingApps;
import dev.vigil.its.support.LoggingApps.Line;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logs correlated with traces, through each framework's own configuration file (Logback 1.6 behind an AsyncAppender,
 * Logback 1.2, Log4j 2, JUL with Vigil's TraceFormatter): every line a request writes on its thread carries that
 * request's trace id and the id of the server span the OTLP receiver got; 10,000 tasks through each of two pools,
 * after requests ran on the same threads, leave no id on any line written outside a span.
 */
class LogCorrelationIT {
  private static final int REQUESTS = 24;
  private static final int OUTSIDE_TASKS = 10_000;

  static Stream<Arguments> apps() {
    List<Arguments> out = new ArrayList<>();
    for (String app : List.of("logback", "logback12", "log4j2", "jul")) {
      out.add(Arguments.of(app, System.getProperty("java.home")));
    }
    if (TestApps.hasJdk25()) {
      out.add(Arguments.of("logback", TestApps.JDK25));
      out.add(Arguments.of("log4j2", TestApps.JDK25));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("apps")
  void linesInsideARequestCarryItsIdsAndNoLineOutsideOneDoes(String app, String jdk) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm jvm = LoggingApps.builder(app).javaHome(jdk)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .start()) {
      int port = jvm.awaitReady();
      Map<String, String> traceByRequest = sendRequests(port);
      List<ReceivedSpan> spans = receiver.await(s -> traceByRequest.values().stream().allMatch(t -> s.stream()
          .anyMatch(span -> span.traceId.equals(t) && span.kind == SpanKind.SPAN_KIND_SERVER)), AgentJvm.PATIENCE);
      List<Line> lines = LoggingApps.runOutside(jvm, OUTSIDE_TASKS);

      int checked = 0;
      for (Map.Entry<String, String> request : traceByRequest.entrySet()) {
        String id = request.getKey();
        String traceId = request.getValue();
        ReceivedSpan server = spans.stream().filter(s -> s.traceId.equals(traceId) && s.kind == SpanKind.SPAN_KIND_SERVER)
            .findFirst().orElseThrow();
        List<Line> inside = lines.stream().filter(l -> l.message.equals("inside-request id=" + id)
            || l.message.equals("inside-request-error id=" + id)).collect(Collectors.toList());
        boolean jboss = app.equals("logback"); // its app also logs through JBoss Logging (Logback backend)
        if (jboss) {
          inside.addAll(lines.stream().filter(l -> l.message.equals("second-in-request id=" + id))
              .collect(Collectors.toList()));
        }
        assertThat(inside).as("lines of request " + id).hasSize(jboss ? 3 : 2);
        for (Line l : inside) {
          assertThat(l.traceId).as(l.raw).isEqualTo(traceId);
          assertThat(l.spanId).as(l.raw).isEqualTo(server.spanId);
          assertThat(l.traceFlags).as(l.raw).isEqualTo("01");
          checked += l.message.startsWith("second") ? 0 : 1;
        }
        // Work the request hands to a pool carries the request's ids (the executor instrumentation moves the context).
        List<Line> pooled = lines.stream().filter(l -> l.message.equals("pooled-in-request id=" + id))
            .collect(Collectors.toList());
        assertThat(pooled).as("pooled lines of request " + id).isNotEmpty();
        pooled.forEach(l -> assertThat(l.traceId).as(l.raw).isEqualTo(traceId));
      }
      assertThat(checked).isEqualTo(2 * REQUESTS);

      List<Line> outside = lines.stream().filter(l -> l.message.startsWith("outside-task")
          || l.message.startsWith("startup")).collect(Collectors.toList());
      assertThat(outside).hasSize(2 * OUTSIDE_TASKS + 1);
      List<Line> stale = outside.stream().filter(l -> !l.traceId.isEmpty() || !l.spanId.isEmpty()
          || !l.traceFlags.isEmpty()).collect(Collectors.toList());
      assertThat(stale).as("lines written outside any span that carry an id").isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void theShopsLogbackWarningCarriesTheFailedRequestsIds() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm shop = AgentJvm.builderForJar(java.nio.file.Paths.get(System.getProperty("vigil.shop.jar")))
            .sysProp("shop.port", "0")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .start()) {
      int port = shop.awaitReady();
      String traceId = LoggingApps.newTraceId();
      assertThat(Http.get("http://127.0.0.1:" + port + "/error", "traceparent", LoggingApps.traceparent(traceId))
          .statusCode()).isEqualTo(500);
      ReceivedSpan server = receiver.await(s -> s.stream().anyMatch(span -> span.traceId.equals(traceId)
          && span.kind == SpanKind.SPAN_KIND_SERVER), AgentJvm.PATIENCE).stream()
          .filter(span -> span.traceId.equals(traceId) && span.kind == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
      String line = shop.awaitLine(l -> l.contains("GET /error failed"), AgentJvm.PATIENCE);
      assertThat(line).contains("WARN").contains("trace_id=" + traceId + " span_id=" + server.spanId + " - ");
    }
  }

  /** {@value #REQUESTS} requests, four at a time, each with its own traceparent; returns request id -> trace id. */
  private static Map<String, String> sendRequests(int port) throws Exception {
    Map<String, String> traceByRequest = new LinkedHashMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      traceByRequest.put("r" + i, LoggingApps.newTraceId());
    }
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> responses = new ArrayList<>();
      traceByRequest.forEach((id, traceId) -> responses.add(clients.submit(() -> Http.get("http://127.0.0.1:" + port
          + "/work?id=" + id, "traceparent", LoggingApps.traceparent(traceId)).statusCode())));
      for (Future<Integer> r : responses) {
        assertThat(r.get()).isEqualTo(200);
      }
    } finally {
      clients.shutdown();
    }
    return traceByRequest;
  }
}
