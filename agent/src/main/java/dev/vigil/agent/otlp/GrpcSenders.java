package dev.vigil.agent.otlp;

import dev.vigil.exporter.otlp.grpc.GrpcClient;
import dev.vigil.exporter.otlp.grpc.GrpcResult;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The OpenTelemetry SDK's OTLP/gRPC exporters over Vigil's own HTTP/2 client ({@link GrpcClient}) instead of
 * grpc-java or OkHttp: {@link #LOADER} hands the exporter builders this sender. Each export runs on the calling
 * (export) thread, with the OTLP retry policy inside the export timeout.
 */
public final class GrpcSenders implements GrpcSenderProvider {
  /** For {@code setComponentLoader}: this provider for gRPC senders, the agent's class loader for anything else. */
  public static final ComponentLoader LOADER = new ComponentLoader() {
    private final ComponentLoader fallback = ComponentLoader.forClassLoader(GrpcSenders.class.getClassLoader());

    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterable<T> load(Class<T> type) {
      return type == GrpcSenderProvider.class ? List.of((T) new GrpcSenders()) : fallback.load(type);
    }
  };

  @Override
  public GrpcSender createSender(GrpcSenderConfig config) {
    return new Sender(config);
  }

  private static final class Sender implements GrpcSender {
    private final GrpcSenderConfig config;
    private final GrpcClient client;

    Sender(GrpcSenderConfig config) {
      this.config = config;
      this.client = new GrpcClient(config.getEndpoint(),
          config.getSslContext() != null ? config.getSslContext().getSocketFactory() : null,
          (int) Math.min(Integer.MAX_VALUE, config.getConnectTimeout().toMillis()));
    }

    @Override
    public void send(MessageWriter writer, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
      try {
        boolean gzip = config.getCompressor() != null && "gzip".equals(config.getCompressor().getEncoding());
        byte[] body = body(writer);
        List<String> headers = headers();
        GrpcResult result = OtlpRetry.run(config.getRetryPolicy(), config.getTimeout().toMillis(),
            remaining -> client.call(config.getFullMethodName(), headers, body, gzip, remaining));
        onResponse.accept(new Response(result));
      } catch (IOException | RuntimeException e) {
        onError.accept(e);
      }
    }

    private byte[] body(MessageWriter writer) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, writer.getContentLength()));
      if (config.getCompressor() == null) {
        writer.writeMessage(bytes);
      } else {
        try (OutputStream compressed = config.getCompressor().compress(bytes)) {
          writer.writeMessage(compressed);
        }
      }
      return bytes.toByteArray();
    }

    private List<String> headers() {
      List<String> out = new ArrayList<>();
      Map<String, List<String>> headers = config.getHeadersSupplier() == null ? null
          : config.getHeadersSupplier().get();
      if (headers != null) {
        headers.forEach((name, values) -> values.forEach(v -> {
          out.add(name.toLowerCase(Locale.ROOT));
          out.add(v);
        }));
      }
      return out;
    }

    @Override
    public CompletableResultCode shutdown() {
      client.close();
      return CompletableResultCode.ofSuccess();
    }
  }

  private static final class Response implements GrpcResponse {
    private final GrpcResult result;

    Response(GrpcResult result) {
      this.result = result;
    }

    @Override
    public GrpcStatusCode getStatusCode() {
      return GrpcStatusCode.fromValue(result.status);
    }

    @Override
    public String getStatusDescription() {
      return result.message;
    }

    @Override
    public byte[] getResponseMessage() {
      return result.body;
    }
  }

  private GrpcSenders() {}
}
