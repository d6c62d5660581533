package dev.vigil.its.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver of logs on a free port: decodes the protobuf the agent really sent to {@code /v1/logs} and
 * keeps every record. It can answer slowly, as a sick collector does.
 */
public final class OtlpLogReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<Received> records = new CopyOnWriteArrayList<>();
  private volatile long delayMillis;

  /** One log record as received: ids in lower-case hex (empty outside a span), attributes as strings. */
  public static final class Received {
    public final String body;
    public final String severityText;
    public final int severityNumber;
    public final String scope;
    public final String traceId;
    public final String spanId;
    public final Map<String, String> attributes;
    public final Map<String, String> resource;

    Received(LogRecord r, String scope, Map<String, String> resource) {
      HexFormat hex = HexFormat.of();
      body = r.getBody().getStringValue();
      severityText = r.getSeverityText();
      severityNumber = r.getSeverityNumberValue();
      this.scope = scope;
      traceId = hex.formatHex(r.getTraceId().toByteArray());
      spanId = hex.formatHex(r.getSpanId().toByteArray());
      attributes = OtlpReceiver.attributes(r.getAttributesList());
      this.resource = resource;
    }

    @Override
    public String toString() {
      return severityText + " " + scope + " trace=" + traceId + " span=" + spanId + " " + body + " " + attributes;
    }
  }

  private OtlpLogReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpLogReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    OtlpLogReceiver receiver = new OtlpLogReceiver(server);
    server.createContext("/v1/logs", receiver::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "otlp-log-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return receiver;
  }

  /** The value of OTEL_EXPORTER_OTLP_LOGS_ENDPOINT. */
  public String logsEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs";
  }

  public OtlpLogReceiver delay(Duration delay) {
    delayMillis = delay.toMillis();
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      InputStream in = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(in.readAllBytes());
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      for (ResourceLogs rl : request.getResourceLogsList()) {
        Map<String, String> resource = OtlpReceiver.attributes(rl.getResource().getAttributesList());
        for (ScopeLogs sl : rl.getScopeLogsList()) {
          for (LogRecord r : sl.getLogRecordsList()) {
            records.add(new Received(r, sl.getScope().getName(), resource));
          }
        }
      }
      byte[] body = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public List<Received> records() {
    return new ArrayList<>(records);
  }

  /** Waits until the records received match; returns them all (fails after the timeout, listing what came). */
  public List<Received> await(Predicate<List<Received>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Received> now = records();
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
    List<Received> all = records();
    throw new IllegalStateException("log records received within " + timeout + " do not match (" + all.size()
        + "):\n" + all.subList(0, Math.min(50, all.size())));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
