package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.LoggingApps;
import dev.vigil.its.support.OtlpGrpcReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import io.grpc.Status;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}: spans, logs and metrics reach grpc-java's own server through the SDK's
 * OkHttp gRPC sender, plain text and TLS; retryable statuses are retried, others dropped and counted.
 */
class OtlpGrpcIT {
  private static final Duration WAIT = AgentJvm.PATIENCE;
  private static final String DROPPED = "vigil_exporter_spans_dropped_total";

  @Test
  void spansLogsAndMetricsArriveOverGrpcWithGzipAndHeaders() throws Exception {
    try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start();
        AgentJvm app = grpcApp(receiver.endpoint()).env("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")
            .env("OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme%20corp").start()) {
      int port = app.awaitReady();
      String traceId = LoggingApps.newTraceId();
      assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=g1", "traceparent",
          LoggingApps.traceparent(traceId)).statusCode()).isEqualTo(200);

      assertThat(OtlpGrpcReceiver.await(() -> receiver.spans().stream().anyMatch(s -> s.traceId.equals(traceId)
          && s.kind == SpanKind.SPAN_KIND_SERVER), WAIT)).as("the SERVER span over gRPC").isTrue();
      ReceivedSpan server = receiver.spans().stream().filter(s -> s.traceId.equals(traceId)).findFirst().get();
      assertThat(server.parentSpanId).as("continues the caller's traceparent").isEqualTo(
          LoggingApps.traceparent(traceId).split("-")[2]);
      assertThat(server.resource).containsEntry("service.name", "grpc-app");
      assertThat(OtlpGrpcReceiver.await(() -> receiver.logBodies().contains("inside-request-error id=g1"), WAIT))
          .as("log records over gRPC: " + receiver.logBodies()).isTrue();
      assertThat(OtlpGrpcReceiver.await(() -> receiver.metrics().stream().anyMatch(m -> m.toString()
          .contains("http.server.request.duration")), WAIT)).as("metrics over gRPC").isTrue();
      assertThat(receiver.header("x-tenant")).as("OTEL_EXPORTER_OTLP_HEADERS, percent-decoded").contains("acme corp");
      assertThat(receiver.header("grpc-encoding")).contains("gzip");
      assertThat(app.scrape()).doesNotContain(DROPPED + "{reason=\"export_failed\"} 1");
      // The first exports of the three signals race to connect; OkHttp then uses one HTTP/2 connection and usually
      // closes the others, whose reader threads end: wait for that, with a deadline. A connection made in that race
      // may also stay idle in the shared pool until its keep-alive ends (seen on a loaded machine): fewer readers than
      // signals is what shows the pool is shared (a client per signal keeps three).
      List<String> added = okHttpThreads(app);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (readers(added) > 1 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        added = okHttpThreads(app);
      }
      System.out.println("OTLP/gRPC threads (OkHttp's, with three signals on one collector): " + added);
      assertThat(added).as("OkHttp's threads are daemons").allMatch(t -> t.endsWith(" daemon"));
      assertThat(readers(added)).as("the three signals share a pool: fewer HTTP/2 readers than signals in %s", added)
          .isBetween(1L, 2L);
      assertThat(added).as("its task runner's threads end after 60 s idle; a bound, not a count")
          .hasSizeLessThanOrEqualTo(8);
    }
  }

  /** The application's threads named by OkHttp or Okio, as "name daemon" or "name", from jcmd Thread.print. */
  private static long readers(List<String> okHttpThreads) {
    return okHttpThreads.stream().filter(t -> t.startsWith("OkHttp 127")).count();
  }

  private static List<String> okHttpThreads(AgentJvm app) throws Exception {
    String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
    ExternalTools.Result r = ExternalTools.run(List.of(jcmd, String.valueOf(app.process().pid()), "Thread.print"), "");
    List<String> out = new ArrayList<>();
    for (String line : r.output.split("\n")) {
      if (line.startsWith("\"OkHttp") || line.startsWith("\"Okio")) {
        String name = line.substring(1, line.indexOf('"', 1));
        out.add(name + (line.contains(" daemon ") ? " daemon" : ""));
      }
    }
    return out;
  }

  @Test
  void aLargeBatchFlowsThroughASmallFlowControlWindow() throws Exception {
    try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.startWithWindow(16_384);
        AgentJvm app = grpcApp(receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "3000").start()) {
      int port = app.awaitReady();
      int requests = 300;
      for (int i = 0; i < requests; i++) {
        Http.get("http://127.0.0.1:" + port + "/work?id=w" + i);
      }
      assertThat(OtlpGrpcReceiver.await(() -> receiver.spans().stream()
          .filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER).count() >= requests, WAIT))
          .as("every span, in batches larger than the 16 KB window").isTrue();
      assertThat(receiver.largestRequest()).as("an export larger than the window: it waited for WINDOW_UPDATEs")
          .isGreaterThan(16_384);
      assertThat(new Scrape(app.scrape()).sum(DROPPED)).isZero();
    }
  }

  @Test
  void tlsWithTheCertificateGivenInOtelExporterOtlpCertificate(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0)
        .as(new String(openssl.getInputStream().readAllBytes())).isTrue();
    try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.startTls(cert.toFile(), key.toFile());
        AgentJvm app = grpcApp(receiver.endpoint()).env("OTEL_EXPORTER_OTLP_CERTIFICATE", cert.toString())
            .start()) {
      int port = app.awaitReady();
      String traceId = LoggingApps.newTraceId();
      Http.get("http://127.0.0.1:" + port + "/work?id=t1", "traceparent", LoggingApps.traceparent(traceId));
      assertThat(OtlpGrpcReceiver.await(() -> receiver.spans().stream().anyMatch(s -> s.traceId.equals(traceId)),
          WAIT)).as("spans over TLS: " + app.output()).isTrue();
      assertThat(OtlpGrpcReceiver.await(() -> receiver.logBodies().contains("inside-request-error id=t1")
          && !receiver.metrics().isEmpty(), WAIT)).as("logs and metrics over TLS: " + app.output()).isTrue();
    }
  }

  @Test
  void unavailableIsRetriedAndInvalidArgumentIsDroppedAndCounted() throws Exception {
    try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start().failNext(2, Status.UNAVAILABLE);
        AgentJvm app = grpcApp(receiver.endpoint()).start()) {
      int port = app.awaitReady();
      String retried = LoggingApps.newTraceId();
      Http.get("http://127.0.0.1:" + port + "/work?id=r1", "traceparent", LoggingApps.traceparent(retried));
      assertThat(OtlpGrpcReceiver.await(() -> receiver.spans().stream().anyMatch(s -> s.traceId.equals(retried)),
          WAIT)).as("delivered on the third attempt").isTrue();
      assertThat(receiver.traceCalls()).isGreaterThanOrEqualTo(3);
      assertThat(new Scrape(app.scrape()).sum(DROPPED)).as("nothing dropped when a retry succeeds").isZero();

      receiver.failNext(1, Status.INVALID_ARGUMENT);
      Http.get("http://127.0.0.1:" + port + "/work?id=r2", "traceparent",
          LoggingApps.traceparent(LoggingApps.newTraceId()));
      Scrape scrape = app.awaitScrape(s -> s.sum(DROPPED) >= 1);
      assertThat(scrape.sum(DROPPED, "reason", "export_failed")).as("not retried: dropped and counted")
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void collectorDownLeavesTheAppAloneAndShutdownBounded() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (AgentJvm app = grpcApp("http://127.0.0.1:" + closedPort).env("OTEL_EXPORTER_OTLP_TIMEOUT", "500")
        .sysProp("vigil.exporter.shutdown.timeout", "1s").start()) {
      int port = app.awaitReady();
      for (int i = 0; i < 5; i++) {
        assertThat(Http.get("http://127.0.0.1:" + port + "/work?id=d" + i).statusCode()).isEqualTo(200);
      }
      Scrape scrape = app.awaitScrape(s -> s.sum(DROPPED) >= 1);
      assertThat(scrape.sum(DROPPED, "reason", "export_failed") + scrape.sum(DROPPED, "reason", "timeout"))
          .isGreaterThanOrEqualTo(1);
      long start = System.nanoTime();
      app.process().destroy();
      assertThat(app.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("exit took %d ms with a 1 s bound", millis).isLessThan(6_000);
    }
  }

  private static AgentJvm.Builder grpcApp(String endpoint) {
    return LoggingApps.builder("logback")
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_SERVICE_NAME", "grpc-app")
        .env("OTEL_LOGS_EXPORTER", "otlp")
        .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .sysProp("vigil.logs.export_interval", "200ms");
  }
}
