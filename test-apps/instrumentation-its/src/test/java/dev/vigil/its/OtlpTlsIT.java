package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdkHttpServerApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.LoggingApps;
import dev.vigil.its.support.OtlpGrpcReceiver;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP over TLS with a custom CA and a client certificate (mutual TLS), over http/protobuf and gRPC: the standard
 * OTEL_EXPORTER_OTLP_CERTIFICATE, _CLIENT_KEY and _CLIENT_CERTIFICATE, in their per-signal form too.
 */
class OtlpTlsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DROPPED = "vigil_exporter_spans_dropped_total";

  @Test
  void httpProtobufWithAClientCertificate(@TempDir Path dir) throws Exception {
    TlsFiles tls = TlsFiles.create(dir);
    try (OtlpReceiver receiver = OtlpReceiver.startTls(tls.serverContext(), true);
        AgentJvm app = httpsApp(receiver, tls).env("OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY", tls.clientKey.toString())
            .env("OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE", tls.clientCert.toString()).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/orders/1").statusCode()).isEqualTo(200);
      assertThat(receiver.await(spans -> !spans.isEmpty(), WAIT)).as(app.output()).isNotEmpty();
      assertThat(app.awaitScrape(s -> s.sum("vigil_exporter_spans_exported_total") >= 1)
          .sum("vigil_exporter_spans_exported_total")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void withoutTheClientCertificateTheReceiverRefusesAndTheDropIsCounted(@TempDir Path dir) throws Exception {
    TlsFiles tls = TlsFiles.create(dir);
    try (OtlpReceiver receiver = OtlpReceiver.startTls(tls.serverContext(), true);
        AgentJvm app = httpsApp(receiver, tls).env("OTEL_EXPORTER_OTLP_TIMEOUT", "2000")
            .env("OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY", tls.clientKey.toString()) // another signal's: not for traces
            .env("OTEL_EXPORTER_OTLP_LOGS_CLIENT_CERTIFICATE", tls.clientCert.toString()).start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/orders/1").statusCode()).isEqualTo(200);
      app.awaitLine(l -> l.contains("exporting spans"), WAIT);
      assertThat(app.awaitScrape(s -> s.sum(DROPPED) >= 1).sum(DROPPED)).as(app.output()).isGreaterThanOrEqualTo(1);
      assertThat(receiver.spans()).isEmpty();
    }
  }

  private static AgentJvm.Builder httpsApp(OtlpReceiver receiver, TlsFiles tls) {
    return AgentJvm.builder(JdkHttpServerApp.class).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_BSP_SCHEDULE_DELAY", "100").env("OTEL_EXPORTER_OTLP_CERTIFICATE", tls.serverCert.toString());
  }

  @Test
  void grpcWithAClientCertificate(@TempDir Path dir) throws Exception {
    TlsFiles tls = TlsFiles.create(dir);
    try (OtlpGrpcReceiver receiver = OtlpGrpcReceiver.startMutualTls(tls.serverCert.toFile(), tls.serverKey.toFile(),
        tls.clientCert.toFile());
        AgentJvm app = LoggingApps.builder("logback").env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .env("OTEL_EXPORTER_OTLP_CERTIFICATE", tls.serverCert.toString())
            .env("OTEL_EXPORTER_OTLP_CLIENT_KEY", tls.clientKey.toString())
            .env("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", tls.clientCert.toString()).start()) {
      int port = app.awaitReady();
      String traceId = LoggingApps.newTraceId();
      Http.get("http://127.0.0.1:" + port + "/work?id=m1", "traceparent", LoggingApps.traceparent(traceId));
      assertThat(OtlpGrpcReceiver.await(() -> receiver.spans().stream().anyMatch(s -> s.traceId.equals(traceId)),
          WAIT)).as("spans over mutual TLS: " + app.output()).isTrue();
    }
  }
}
