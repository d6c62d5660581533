package dev.vigil.agent.otlp;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.otlp.okhttp.GrpcConnections;
import io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSender;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP/gRPC through the OpenTelemetry SDK's own gRPC sender over OkHttp (relocated in the agent jar): h2c for
 * {@code http://}, TLS with ALPN for {@code https://}, the OTLP retry policy inside the signal's timeout (OkHttp's call
 * timeout bounds the whole call). The sender's calls run inline on the calling export thread (no dispatcher thread).
 * The signals share one connection per collector (GrpcConnections). OkHttp's own limits (frame size, header bytes)
 * are not enough: it does not count empty header fields, so an endless CONTINUATION of them grew its heap by 180 MB in
 * the 2 s of HostileCollectorIT's timeout. So connections read within a byte budget per export, and after any failure
 * the sender and its connection are dropped and rebuilt on the next export: nothing a bad peer keeps sending outlives
 * the export that met it.
 */
final class GrpcChannel implements OtlpChannel {
  private static final long MAX_RESPONSE = 64 << 10;
  /**
   * What a peer may send per export, TLS handshake included: an OTLP response is a few hundred bytes. Empty header
   * fields cost OkHttp about 35 times their 3 bytes on the heap, so this bounds such a flood to about 5 MB.
   */
  private static final long BYTES_PER_EXPORT = 128 << 10;
  /** Every signal's: one HTTP/2 connection per collector, one OkHttp reader thread. */
  private static final GrpcConnections CONNECTIONS = new GrpcConnections(BYTES_PER_EXPORT);
  private final OtlpSettings settings;
  private final OtlpTls tls;
  private final Supplier<Map<String, List<String>>> headers;
  private volatile GrpcSender sender;
  private volatile boolean shut;

  GrpcChannel(OtlpSettings settings) {
    this.settings = settings;
    this.tls = OtlpTls.of(settings);
    Map<String, List<String>> h = new java.util.LinkedHashMap<>();
    settings.headers.forEach((name, value) -> h.put(name, List.of(value)));
    Map<String, List<String>> fixed = Collections.unmodifiableMap(h);
    this.headers = () -> fixed;
  }

  @Override
  public Outcome send(MessageWriter request) {
    GrpcSender s = sender();
    if (s == null) {
      return Outcome.FAILED;
    }
    long start = System.nanoTime();
    CONNECTIONS.newExport();
    Outcome[] outcome = {null};
    String[] why = {null};
    s.send(request, response -> {
      outcome[0] = response.getStatusCode() == GrpcStatusCode.OK ? Outcome.SENT : Outcome.FAILED;
      why[0] = "gRPC status " + response.getStatusCode() + (response.getStatusDescription() == null ? ""
          : " " + response.getStatusDescription());
    }, failure -> {
      outcome[0] = ExportFailures.outcome(failure, start, settings.timeoutMillis);
      why[0] = ExportFailures.describe(failure);
    });
    Outcome result = outcome[0] == null ? Outcome.FAILED : outcome[0]; // the call ran inline: done by now
    if (result != Outcome.SENT) {
      if (result == Outcome.FAILED && System.nanoTime() - start >= settings.timeoutMillis * 1_000_000L) {
        result = Outcome.TIMEOUT;
      }
      drop(s);
      if (!shut) {
        ExportFailures.log(settings, result, why[0]);
      }
    }
    return result;
  }

  private GrpcSender sender() {
    GrpcSender s = sender;
    if (s == null && !shut) {
      OkHttpGrpcSender sdk = new OkHttpGrpcSender(settings.url + "/" + settings.signal.grpcMethod,
          settings.gzip ? Gzip.INSTANCE : null, Duration.ofMillis(settings.timeoutMillis),
          Duration.ofMillis(settings.timeoutMillis), headers, RetryPolicy.getDefault(),
          tls == null ? null : tls.context, tls == null ? null : tls.trustManager, InlineExecutor.INSTANCE, MAX_RESPONSE, null);
      try {
        s = CONNECTIONS.bound(sdk, tls == null ? null : tls.socketFactory, tls == null ? null : tls.trustManager);
      } catch (ReflectiveOperationException | RuntimeException e) { // a changed SDK: still bounded in time
        AgentLog.once(AgentLog.Level.WARN, "grpc-budget", "OTLP/gRPC runs without its byte budget (" + e + ")", null);
        s = sdk;
      }
      sender = s;
    }
    return s;
  }

  private void drop(GrpcSender s) {
    if (sender == s) {
      sender = null;
    }
    s.shutdown();
  }

  @Override
  public void shutdown(long timeoutMillis) {
    shut = true;
    GrpcSender s = sender;
    if (s != null) {
      drop(s); // cancels the call in flight (the export thread returns at once) and closes the connection
    }
  }

  private static final class Gzip implements Compressor {
    static final Gzip INSTANCE = new Gzip();

    @Override
    public String getEncoding() {
      return "gzip";
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
      return new GZIPOutputStream(out);
    }
  }
}
