package dev.vigil.agent.otlp;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.tracing.ExportSettings;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.otlp.OtlpMetrics;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import dev.vigil.exporter.otlp.grpc.GrpcClient;
import dev.vigil.exporter.otlp.http.Http11Client;
import dev.vigil.exporter.otlp.http.HttpResult;
import dev.vigil.exporter.otlp.grpc.GrpcResult;
import dev.vigil.exporter.otlp.grpc.TrustedCertificates;
import java.io.IOException;
import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Pushes the golden-signal metrics over OTLP/HTTP every {@code OTEL_METRIC_EXPORT_INTERVAL}, read from the same
 * producers {@code /metrics} reads (cumulative, so a scrape and a push agree). One daemon thread; the HTTP client is
 * created on its first push; the calls run with instrumentation suppressed. A failed push is logged once and retried at
 * the next interval with fresh numbers (nothing queues up).
 */
public final class OtlpMetricsPush implements Runnable {
  private final List<MetricProducer> producers;
  private final Map<String, String> resource;
  private final OtlpEndpoint target;
  private final URI endpoint;
  private final Map<String, String> headers;
  private final byte[] certificate;
  private final boolean gzip;
  private final long intervalMillis;
  private final long timeoutMillis;
  private final long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
  private final OtlpNaming naming = new OtlpNaming();
  private static final String METRICS_METHOD = "opentelemetry.proto.collector.metrics.v1.MetricsService/Export";
  private Http11Client http;
  private GrpcClient grpc;

  private OtlpMetricsPush(VigilConfig config, List<MetricProducer> producers, ExportSettings settings) {
    this.producers = producers;
    this.resource = new LinkedHashMap<>(config.resourceAttributes());
    resource.put("service.name", config.serviceName());
    this.target = OtlpEndpoint.of(config, "metrics");
    this.endpoint = URI.create(target.url);
    this.headers = settings.headers;
    this.certificate = settings.certificateBytes();
    this.gzip = settings.gzip;
    this.timeoutMillis = settings.timeoutMillis;
    long interval = 60_000;
    String v = config.otel("otel.metric.export.interval");
    if (v != null) {
      try {
        interval = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        interval = -1;
      }
      if (interval <= 0) {
        AgentLog.warn("config OTEL_METRIC_EXPORT_INTERVAL=" + v + " is not a positive whole number; using the"
            + " default 60000");
        interval = 60_000;
      }
    }
    this.intervalMillis = interval;
  }

  /** Whether metrics are pushed: vigil.otlp.metrics.enabled true/false, or auto (an OTLP endpoint is configured). */
  public static boolean enabled(VigilConfig config) {
    String exporter = config.otel("otel.metrics.exporter");
    if ("none".equalsIgnoreCase(exporter) || "true".equalsIgnoreCase(config.otel("otel.sdk.disabled"))) {
      return false;
    }
    String v = config.getString(ConfigKeys.OTLP_METRICS_ENABLED).toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    if (!v.equals("auto")) {
      AgentLog.warn("config vigil.otlp.metrics.enabled=" + v + " is not true, false or auto; using the default auto");
    }
    return "otlp".equalsIgnoreCase(exporter) || set(config.otel("otel.exporter.otlp.endpoint"))
        || set(config.otel("otel.exporter.otlp.metrics.endpoint"));
  }

  private static boolean set(String v) {
    return v != null && !v.isEmpty();
  }

  /** Starts the push thread when enabled. */
  public static void start(VigilConfig config, List<MetricProducer> producers) {
    if (!enabled(config)) {
      return;
    }
    OtlpMetricsPush push = new OtlpMetricsPush(config, producers, ExportSettings.of(config));
    Thread t = new Thread(push, "vigil-otlp-metrics");
    t.setDaemon(true);
    t.start();
    AgentLog.info("metrics to " + push.endpoint + " every " + push.intervalMillis + " ms ("
        + push.target.protocolName() + ")");
  }

  @Override
  public void run() {
    try (Scope ignored = Tracing.suppressInstrumentation(Context.root()).makeCurrent()) {
      while (true) {
        Thread.sleep(intervalMillis);
        try {
          push();
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          AgentLog.once(AgentLog.Level.WARN, "otlp-metrics", "pushing metrics to " + endpoint + " failed (" + e
              + "); retried at the next interval", null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void push() throws Exception {
    List<MetricFamily> families = new ArrayList<>();
    for (MetricProducer p : producers) {
      p.collect(families);
    }
    byte[] body = OtlpMetrics.encode(resource, "dev.vigil", families, startEpochNanos,
        System.currentTimeMillis() * 1_000_000L, naming);
    if (gzip) {
      body = gzip(body);
    }
    if (target.grpc) {
      pushGrpc(body);
      return;
    }
    if (http == null) {
      SSLContext tls = tls();
      http = new Http11Client(endpoint, tls == null ? null : tls.getSocketFactory(), (int) timeoutMillis);
    }
    List<String> extra = headerList();
    extra.addAll(List.of("content-type", "application/x-protobuf"));
    if (gzip) {
      extra.addAll(List.of("content-encoding", "gzip"));
    }
    HttpResult response = http.post(extra, body, timeoutMillis);
    if (response.status / 100 != 2) {
      throw new IOException("HTTP " + response.status);
    }
  }

  private void pushGrpc(byte[] body) throws IOException {
    if (grpc == null) {
      SSLContext tls = tls();
      grpc = new GrpcClient(endpoint, tls == null ? null : tls.getSocketFactory(), (int) timeoutMillis);
    }
    GrpcResult result = grpc.call(METRICS_METHOD, headerList(), body, gzip, timeoutMillis);
    if (result.status != 0) {
      throw new IOException("gRPC status " + result.status + " " + result.message);
    }
  }

  private List<String> headerList() {
    List<String> out = new ArrayList<>();
    headers.forEach((name, value) -> {
      out.add(name);
      out.add(value);
    });
    return out;
  }

  /** The TLS trusting OTEL_EXPORTER_OTLP_CERTIFICATE, or null for the JDK's. */
  private SSLContext tls() throws IOException {
    try {
      return certificate == null ? null : TrustedCertificates.context(certificate);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("OTEL_EXPORTER_OTLP_CERTIFICATE cannot be used: " + e, e);
    }
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
      z.write(body);
    }
    return zipped.toByteArray();
  }
}
