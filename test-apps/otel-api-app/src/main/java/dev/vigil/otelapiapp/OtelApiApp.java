package dev.vigil.otelapiapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A service instrumented by hand with the OpenTelemetry API, as its authors would without any agent. {@code /work}
 * tags the current span, wraps a query in a span of its own, prices an item in a {@code @WithSpan} method, counts the
 * order, records with every other kind of instrument, and answers what it saw: the baggage, the current trace id,
 * and the traceparent its propagators would send.
 * Arguments: JDBC url, user, password.
 */
public final class OtelApiApp {
  private static final Tracer TRACER = GlobalOpenTelemetry.getTracer("otel-api-app", "1.0");
  private static final LongCounter ORDERS = GlobalOpenTelemetry.getMeter("otel-api-app").counterBuilder("app.orders")
      .setDescription("orders taken").build();

  private static final ContextKey<String> APP_KEY = ContextKey.named("app-key");
  /** When the replayed batch started (2023-11-14T22:13:20.123456789Z), and the producer span it follows from. */
  static final long REPLAY_START = 1_700_000_000_123_456_789L;
  private static final SpanContext PRODUCER = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
      "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("vendor", "a1").build());
  private static final SpanContext RETRY = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "00000000000000aa",
      TraceFlags.getDefault(), TraceState.getDefault());

  private final String url;
  private final String user;
  private final String password;
  private final Pricing pricing = new Pricing();
  private final Instruments instruments = new Instruments();

  private OtelApiApp(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static void main(String[] args) throws Exception {
    OtelApiApp app = new OtelApiApp(args[0], args[1], args.length > 2 ? args[2] : "");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/work", app::work);
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private void work(HttpExchange exchange) throws IOException {
    StringBuilder out = new StringBuilder();
    int status = 200;
    try {
      Span.current().setAttribute("app.user", "alice");
      Span manual = TRACER.spanBuilder("load-orders").startSpan();
      try (Scope scope = manual.makeCurrent()) {
        out.append("rows=").append(query()).append('\n');
        manual.setAttribute("app.orders.loaded", 1L);
        GlobalOpenTelemetry.get().getLogsBridge().get("otel-api-app").logRecordBuilder().setSeverity(Severity.WARN)
            .setBody("order 42 is late").emit();
        Map<String, String> headers = new HashMap<>();
        GlobalOpenTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers,
            (carrier, key, value) -> carrier.put(key, value));
        out.append("traceparent=").append(headers.get("traceparent")).append('\n');
        out.append("manualSpanId=").append(manual.getSpanContext().getSpanId()).append('\n');
      } finally {
        manual.end();
      }
      replay();
      out.append("traceState=").append(Span.current().getSpanContext().getTraceState().get("congo")).append('\n');
      out.append("price=").append(pricing.price(42L)).append('\n');
      out.append("quote=").append(pricing.quote("42").join()).append('\n');
      out.append("reserve=").append(pricing.reserve("42").handle((v, e) -> e == null ? v : "failed")
          .toCompletableFuture().join()).append('\n');
      try {
        pricing.audit("42");
      } catch (IllegalStateException e) {
        out.append("audit=").append(e.getMessage()).append('\n');
      }
      ORDERS.add(1, Attributes.of(AttributeKey.stringKey("app.tier"), "gold"));
      instruments.record();
      out.append("baggage=").append(Baggage.current().getEntryValue("tenant")).append('\n');
      out.append("traceId=").append(Span.current().getSpanContext().getTraceId()).append('\n');
      out.append("valid=").append(Span.current().getSpanContext().isValid()).append('\n');
      out.append(ownContext());
    } catch (SQLException e) {
      status = 500;
      out.append("error=").append(e.getMessage());
    }
    byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** A batch replayed from a queue: a span that started earlier than now and links to the spans it follows from. */
  private static void replay() {
    Span replay = TRACER.spanBuilder("replay").setStartTimestamp(REPLAY_START, TimeUnit.NANOSECONDS)
        .addLink(PRODUCER, Attributes.of(AttributeKey.stringKey("link.kind"), "cause")).startSpan();
    replay.addLink(RETRY);
    replay.end(REPLAY_START + 5_000_000, TimeUnit.NANOSECONDS);
  }

  /** What any OpenTelemetry context must keep: the application's own keys, and its own span objects as stored. */
  private static String ownContext() {
    Span wrapped = Span.wrap(SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
        TraceFlags.getSampled(), TraceState.getDefault()));
    try (Scope a = Context.current().with(APP_KEY, "kept").makeCurrent(); Scope b = wrapped.makeCurrent()) {
      return "appKey=" + Context.current().get(APP_KEY) + "\nownSpanKept=" + (Span.current() == wrapped) + "\n";
    }
  }

  private int query() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
