package dev.vigil.its.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An OTLP/HTTP receiver on a free port: decodes the protobuf the agent's exporter really sent to {@code /v1/traces}
 * (gzip too) and keeps every span with its resource. It can answer slowly or with an error, as a sick collector does.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentEncodings = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  private final AtomicInteger logRecords = new AtomicInteger();
  private final List<ExportLogsServiceRequest> logRequests = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpReceiver start() throws IOException {
    return start(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50));
  }

  /** An https receiver with this TLS; with {@code requireClientCertificate}, mutual TLS. */
  public static OtlpReceiver startTls(SSLContext tls, boolean requireClientCertificate) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setHttpsConfigurator(new HttpsConfigurator(tls) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = tls.getDefaultSSLParameters();
        p.setNeedClientAuth(requireClientCertificate);
        params.setSSLParameters(p);
      }
    });
    return start(server);
  }

  private static OtlpReceiver start(HttpServer server) {
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/v1/traces", receiver::handle);
    server.createContext("/v1/metrics", receiver::handleMetrics);
    // logs go to the same endpoint by default: taken and counted, so that an app that logs sees no failed export
    server.createContext("/v1/logs", receiver::handleLogs);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "otlp-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return receiver;
  }

  /** {@code http://127.0.0.1:port}: the value of OTEL_EXPORTER_OTLP_ENDPOINT. */
  public String endpoint() {
    return (server instanceof HttpsServer ? "https://localhost:" : "http://127.0.0.1:") + server.getAddress().getPort();
  }

  /** Every export request is answered only after this long (a slow collector). */
  public OtlpReceiver delay(Duration delay) {
    delayMillis = delay.toMillis();
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      contentEncodings.add(encoding == null ? "" : encoding);
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      requestHeaders.add(headers);
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(encoding)) {
        in = new GZIPInputStream(in);
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      for (ResourceSpans rs : request.getResourceSpansList()) {
        Map<String, String> resource = attributes(rs.getResource().getAttributesList());
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          for (Span s : ss.getSpansList()) {
            spans.add(new ReceivedSpan(s, resource, ss.getScope()));
          }
        }
      }
      byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handleLogs(HttpExchange exchange) throws IOException {
    try (exchange) {
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(in.readAllBytes());
      logRequests.add(request);
      request.getResourceLogsList().forEach(r -> r.getScopeLogsList()
          .forEach(s -> logRecords.addAndGet(s.getLogRecordsCount())));
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The log export requests received at {@code /v1/logs}, decoded. */
  public List<ExportLogsServiceRequest> logs() {
    return logRequests;
  }

  /** Log records received at {@code /v1/logs}. */
  public int logRecords() {
    return logRecords.get();
  }

  private void handleMetrics(HttpExchange exchange) throws IOException {
    try (exchange) {
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      metrics.add(ExportMetricsServiceRequest.parseFrom(in.readAllBytes()));
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The metric export requests received so far, decoded. */
  public List<ExportMetricsServiceRequest> metrics() {
    return new ArrayList<>(metrics);
  }

  public List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  /** Removes and returns the spans received so far, oldest first: a long run keeps the receiver's list short. */
  public List<ReceivedSpan> takeSpans() {
    List<ReceivedSpan> taken = new ArrayList<>(spans);
    Set<ReceivedSpan> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(taken);
    spans.removeIf(gone::contains);
    return taken;
  }

  public int requests() {
    return requests.get();
  }

  public List<String> contentEncodings() {
    return new ArrayList<>(contentEncodings);
  }

  public List<Map<String, String>> requestHeaders() {
    return new ArrayList<>(requestHeaders);
  }

  /** Waits until the spans received match; returns them all (fails after the timeout, listing what came). */
  public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<ReceivedSpan> now = spans();
      if (done.test(now)) {
        return now;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("spans received within " + timeout + " do not match:\n"
        + spans().stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n")));
  }

  static Map<String, String> attributes(List<KeyValue> list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static String value(AnyValue v) {
    switch (v.getValueCase()) {
      case STRING_VALUE: return v.getStringValue();
      case INT_VALUE: return Long.toString(v.getIntValue());
      case BOOL_VALUE: return Boolean.toString(v.getBoolValue());
      case DOUBLE_VALUE: return Double.toString(v.getDoubleValue());
      default: return v.toString();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
