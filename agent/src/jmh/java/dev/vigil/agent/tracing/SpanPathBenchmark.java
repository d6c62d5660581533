package dev.vigil.agent.tracing;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.otlp.OtlpChannel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One span, start to end, as the recorders write it: a SERVER span (remote parent, the 9 HTTP attributes, status) and
 * a CLIENT span (a JDBC statement under the server span, 7 attributes), through Vigil's own spans ({@code vigil*})
 * and through the OpenTelemetry SDK path they replaced ({@code sdk*}, {@link SdkBaseline}). Both export on their own
 * thread (encoding to OTLP, nothing sent), so with {@code -prof gc} B/op is everything a span allocates in the JVM.
 * {@code sampled=false}: the remote parent is not sampled (parentbased sampling): what an unsampled request costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class SpanPathBenchmark {
  static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
      AttributeKey.stringKey("service.name"), "shop", AttributeKey.stringKey("host.name"), "bench-host")));

  private static final SpanShape SERVER = new SpanShape();
  private static final int METHOD = SERVER.text("http.request.method");
  private static final int ROUTE = SERVER.text("http.route");
  private static final int SCHEME = SERVER.text("url.scheme");
  private static final int PATH = SERVER.text("url.path");
  private static final int SERVER_ADDRESS = SERVER.text("server.address");
  private static final int CLIENT_ADDRESS = SERVER.text("client.address");
  private static final int USER_AGENT = SERVER.text("user_agent.original");
  private static final int PROTOCOL = SERVER.text("network.protocol.version");
  private static final int SERVER_PORT = SERVER.number("server.port");
  private static final int STATUS = SERVER.number("http.response.status_code");
  private static final SpanShape DB = new SpanShape();
  private static final int SYSTEM = DB.text("db.system.name");
  private static final int NAMESPACE = DB.text("db.namespace");
  private static final int OPERATION = DB.text("db.operation.name");
  private static final int COLLECTION = DB.text("db.collection.name");
  private static final int QUERY = DB.text("db.query.text");
  private static final int DB_ADDRESS = DB.text("server.address");
  private static final int DB_PORT = DB.number("server.port");

  @Param({"true", "false"})
  public boolean sampled;

  private ExportProcessor processor;
  private SpanFactory vigil;
  private SdkBaseline sdk;
  private Context remoteParent;
  private Context vigilServerContext;
  private Context sdkServerContext;
  private String method = "GET";
  private String route = "/products/{id}";
  private String operation = "SELECT";
  private String table = "products";

  @Setup(Level.Trial)
  public void setUp() {
    processor = discardingProcessor();
    vigil = new SpanFactory(SamplerConfig.parse("parentbased_always_on", null), processor);
    sdk = new SdkBaseline(Sampler.parentBased(Sampler.alwaysOn()), RESOURCE, true);
    remoteParent = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    vigilServerContext = remoteParent.with(vigil.start(remoteParent, SpanKind.SERVER, SERVER, "GET", "/", false));
    sdkServerContext = remoteParent.with(sdk.tracer.spanBuilder("GET /").setParent(remoteParent).startSpan());
  }

  /** Vigil's export processor and encoder, with a channel that sends nothing. */
  static ExportProcessor discardingProcessor() {
    ExportSettings settings = ExportSettings.of(VigilConfig.of(Map.of(), Map.of("OTEL_BSP_SCHEDULE_DELAY", "50")));
    OtlpChannel discard = new OtlpChannel() {
      @Override
      public Outcome send(MessageWriter request) {
        return Outcome.SENT;
      }

      @Override
      public void shutdown(long timeoutMillis) {}
    };
    return new ExportProcessor(() -> discard, new SpanEncoder(RESOURCE), new SpanExportStats(), settings);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    processor.shutdown(1000);
    sdk.stop();
  }

  @Benchmark
  public Span vigilServer() {
    VigilSpan span = vigil.start(remoteParent, SpanKind.SERVER, SERVER, method, route, false);
    if (span.isRecording()) {
      span.setText(METHOD, method);
      span.setText(ROUTE, route);
      span.setText(SCHEME, "http");
      span.setText(PATH, "/products/42");
      span.setText(SERVER_ADDRESS, "127.0.0.1");
      span.setNumber(SERVER_PORT, 8080);
      span.setText(CLIENT_ADDRESS, "127.0.0.1");
      span.setText(USER_AGENT, "wrk");
      span.setText(PROTOCOL, "1.1");
      span.setNumber(STATUS, 200);
    }
    span.end();
    return span;
  }

  @Benchmark
  public Span sdkServer() {
    Span span = sdk.tracer.spanBuilder(method + " " + route).setSpanKind(SpanKind.SERVER).setParent(remoteParent)
        .setAttribute(ServerKeys.METHOD, method).setAttribute(ServerKeys.ROUTE, route)
        .setAttribute(ServerKeys.SCHEME, "http").setAttribute(ServerKeys.PATH, "/products/42")
        .setAttribute(ServerKeys.SERVER_ADDRESS, "127.0.0.1").setAttribute(ServerKeys.SERVER_PORT, 8080L)
        .setAttribute(ServerKeys.CLIENT_ADDRESS, "127.0.0.1").setAttribute(ServerKeys.USER_AGENT, "wrk")
        .setAttribute(ServerKeys.PROTOCOL, "1.1").startSpan();
    span.setAttribute(ServerKeys.STATUS, 200L);
    span.end();
    return span;
  }

  @Benchmark
  public Span vigilClient() {
    VigilSpan span = vigil.start(vigilServerContext, SpanKind.CLIENT, DB, operation, table, true);
    if (span != null) {
      span.setText(SYSTEM, "h2");
      span.setText(NAMESPACE, "shop");
      span.setText(OPERATION, operation);
      span.setText(COLLECTION, table);
      span.setText(QUERY, "SELECT id, name, price FROM products WHERE id = ?");
      span.setText(DB_ADDRESS, "localhost");
      span.setNumber(DB_PORT, 9092);
      span.end();
    }
    return span;
  }

  @Benchmark
  public Span sdkClient() {
    Span span = sdk.tracer.spanBuilder(operation + " " + table).setSpanKind(SpanKind.CLIENT)
        .setParent(sdkServerContext).setAttribute(DbKeys.SYSTEM, "h2").setAttribute(DbKeys.NAMESPACE, "shop")
        .setAttribute(DbKeys.OPERATION, operation).setAttribute(DbKeys.COLLECTION, table)
        .setAttribute(DbKeys.QUERY, "SELECT id, name, price FROM products WHERE id = ?")
        .setAttribute(DbKeys.SERVER_ADDRESS, "localhost").setAttribute(DbKeys.SERVER_PORT, 9092L).startSpan();
    span.end();
    return span;
  }

  /** The semantic-convention keys the SDK path set, as the recorders held them. */
  static final class ServerKeys {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  }

  static final class DbKeys {
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> COLLECTION = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  }
}
