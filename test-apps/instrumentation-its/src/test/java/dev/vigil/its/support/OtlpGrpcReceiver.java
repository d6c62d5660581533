package dev.vigil.its.support;

import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * An OTLP/gRPC collector on a free port, built on grpc-java's own Netty server (plain text or TLS): the three
 * {@code Export} methods decode what the agent sent. It can fail the next trace exports with a gRPC status.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> logBodies = new CopyOnWriteArrayList<>();
  private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
  /** Request metadata of every call: header name to the values seen. */
  private final Map<String, List<String>> headers = new ConcurrentHashMap<>();
  private final AtomicInteger traceCalls = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger largestRequest = new AtomicInteger();
  private volatile Status failWith = Status.UNAVAILABLE;
  private final Server server;
  private final boolean tls;

  private OtlpGrpcReceiver(ServerCredentials credentials, int window) throws IOException {
    this.tls = !(credentials instanceof InsecureServerCredentials);
    ServerInterceptor recordHeaders = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
          ServerCallHandler<Q, R> next) {
        for (String name : metadata.keys()) {
          if (!name.endsWith("-bin")) {
            headers.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>())
                .add(metadata.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER)));
          }
        }
        return next.startCall(call, metadata);
      }
    };
    // a small flow-control window makes a large export wait for WINDOW_UPDATEs, as a busy collector does
    this.server = NettyServerBuilder.forPort(0, credentials).flowControlWindow(window)
        .addService(ServerInterceptors.intercept(service("trace", "TraceService", this::traces), recordHeaders))
        .addService(ServerInterceptors.intercept(service("logs", "LogsService", this::logs), recordHeaders))
        .addService(ServerInterceptors.intercept(service("metrics", "MetricsService", this::metrics), recordHeaders))
        .build().start();
  }

  /** A plain-text (h2c) receiver. */
  public static OtlpGrpcReceiver start() throws IOException {
    return new OtlpGrpcReceiver(InsecureServerCredentials.create(), 1 << 20);
  }

  /** A plain-text receiver that grants the client only {@code window} bytes at a time (HTTP/2 flow control). */
  public static OtlpGrpcReceiver startWithWindow(int window) throws IOException {
    return new OtlpGrpcReceiver(InsecureServerCredentials.create(), window);
  }

  /** A TLS receiver with this PEM certificate chain and private key. */
  public static OtlpGrpcReceiver startTls(File certificate, File key) throws IOException {
    return new OtlpGrpcReceiver(TlsServerCredentials.create(certificate, key), 1 << 20);
  }

  /** A TLS receiver that requires a client certificate signed by (or equal to) {@code clientCa}: mutual TLS. */
  public static OtlpGrpcReceiver startMutualTls(File certificate, File key, File clientCa) throws IOException {
    return new OtlpGrpcReceiver(TlsServerCredentials.newBuilder().keyManager(certificate, key).trustManager(clientCa)
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build(), 1 << 20);
  }

  /** The value of OTEL_EXPORTER_OTLP_ENDPOINT. */
  public String endpoint() {
    return (tls ? "https://localhost:" : "http://127.0.0.1:") + server.getPort();
  }

  /** The next {@code count} trace exports fail with {@code status}. */
  public OtlpGrpcReceiver failNext(int count, Status status) {
    failWith = status;
    failuresLeft.set(count);
    return this;
  }

  private interface Handler {
    void accept(byte[] request) throws IOException;
  }

  private static ServerServiceDefinition service(String pkg, String name, Handler handler) {
    String service = "opentelemetry.proto.collector." + pkg + ".v1." + name;
    MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(service + "/Export")
        .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    return ServerServiceDefinition.builder(service).addMethod(export, ServerCalls.asyncUnaryCall((request, out) -> {
      try {
        handler.accept(request);
        out.onNext(new byte[0]); // an empty Export*ServiceResponse: full success
        out.onCompleted();
      } catch (StatusFailure e) {
        out.onError(e.status.asRuntimeException());
      } catch (IOException | RuntimeException e) {
        out.onError(Status.INVALID_ARGUMENT.withDescription(e.toString()).asRuntimeException());
      }
    })).build();
  }

  private void traces(byte[] bytes) throws IOException {
    traceCalls.incrementAndGet();
    largestRequest.accumulateAndGet(bytes.length, Math::max);
    if (failuresLeft.getAndDecrement() > 0) {
      throw new StatusFailure(failWith);
    }
    for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(bytes).getResourceSpansList()) {
      Map<String, String> resource = OtlpReceiver.attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          spans.add(new ReceivedSpan(s, resource));
        }
      }
    }
  }

  private void logs(byte[] bytes) throws IOException {
    for (ResourceLogs rl : ExportLogsServiceRequest.parseFrom(bytes).getResourceLogsList()) {
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        for (LogRecord r : sl.getLogRecordsList()) {
          logBodies.add(r.getBody().getStringValue());
        }
      }
    }
  }

  private void metrics(byte[] bytes) throws IOException {
    metrics.add(ExportMetricsServiceRequest.parseFrom(bytes));
  }

  public List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  public List<String> logBodies() {
    return new ArrayList<>(logBodies);
  }

  public List<ExportMetricsServiceRequest> metrics() {
    return new ArrayList<>(metrics);
  }

  public List<String> header(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /** Size of the largest trace export received (uncompressed protobuf bytes). */
  public int largestRequest() {
    return largestRequest.get();
  }

  public int traceCalls() {
    return traceCalls.get();
  }

  /** Waits for {@code done}; false after the timeout. */
  public static boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private static final class StatusFailure extends IOException {
    final Status status;

    StatusFailure(Status status) {
      super(status.toString());
      this.status = status;
    }
  }
}
