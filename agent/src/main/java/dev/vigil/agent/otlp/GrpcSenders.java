package dev.vigil.agent.otlp;

import dev.vigil.exporter.otlp.grpc.GrpcClient;
import dev.vigil.exporter.otlp.grpc.GrpcResult;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The OpenTelemetry SDK's OTLP/gRPC exporters over Vigil's own HTTP/2 client ({@link GrpcClient}) instead of
 * grpc-java or OkHttp ({@link OtlpSenders#LOADER} hands it to the exporter builders). Each export runs on the calling
 * (export) thread, with the OTLP retry policy inside the export timeout.
 */
public final class GrpcSenders implements GrpcSenderProvider {
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
        byte[] body = OtlpRequests.body(writer, config.getCompressor());
        List<String> headers = OtlpRequests.headers(config.getHeadersSupplier());
        GrpcResult result = OtlpRetry.run(config.getRetryPolicy(), config.getTimeout().toMillis(),
            remaining -> client.call(config.getFullMethodName(), headers, body, gzip, remaining), GrpcResult::retryable);
        onResponse.accept(new Response(result));
      } catch (IOException | RuntimeException e) {
        onError.accept(e);
      }
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

}
