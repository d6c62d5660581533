package dev.vigil.agent.otlp;

import dev.vigil.exporter.otlp.http.Http11Client;
import dev.vigil.exporter.otlp.http.HttpResult;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SDK's OTLP http/protobuf exporters over Vigil's own HTTP/1.1 client ({@link Http11Client}) instead of the JDK's
 * HttpClient: each export runs on the calling (export) thread, with the OTLP retry policy inside the export timeout,
 * and needs no selector or executor thread.
 */
public final class HttpSenders implements HttpSenderProvider {
  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    return new Sender(config);
  }

  private static final class Sender implements HttpSender {
    private final HttpSenderConfig config;
    private final Http11Client client;

    Sender(HttpSenderConfig config) {
      this.config = config;
      this.client = new Http11Client(config.getEndpoint(),
          config.getSslContext() != null ? config.getSslContext().getSocketFactory() : null,
          (int) Math.min(Integer.MAX_VALUE, config.getConnectTimeout().toMillis()));
    }

    @Override
    public void send(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
      try {
        byte[] body = OtlpRequests.body(writer, config.getCompressor());
        List<String> headers = OtlpRequests.headers(config.getHeadersSupplier());
        headers.add("content-type");
        headers.add(config.getContentType());
        if (config.getCompressor() != null) {
          headers.add("content-encoding");
          headers.add(config.getCompressor().getEncoding());
        }
        HttpResult result = OtlpRetry.run(config.getRetryPolicy(), config.getTimeout().toMillis(),
            remaining -> client.post(headers, body, remaining), HttpResult::retryable);
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

  private static final class Response implements HttpResponse {
    private final HttpResult result;

    Response(HttpResult result) {
      this.result = result;
    }

    @Override
    public int getStatusCode() {
      return result.status;
    }

    @Override
    public String getStatusMessage() {
      return result.reason;
    }

    @Override
    public byte[] getResponseBody() {
      return result.body;
    }
  }
}
