package dev.vigil.agent.otlp;

import dev.vigil.exporter.otlp.http.Http11Client;
import dev.vigil.exporter.otlp.http.HttpResult;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * OTLP http/protobuf: one POST per export on the calling export thread over the agent's own small HTTP/1.1 client
 * (cheaper than OkHttp on this path: docs/benchmarks.md), retried as the OTLP spec says (429, 502, 503, 504 and
 * transport failures, exponential backoff with jitter) inside the signal's timeout, which bounds the whole export.
 */
final class HttpChannel implements OtlpChannel {
  private final OtlpSettings settings;
  private final Http11Client client;
  private final List<String> headers = new ArrayList<>();
  private volatile boolean shut;
  /** The thread in {@link #send}, woken by shutdown when it waits between attempts. */
  private volatile Thread sending;

  HttpChannel(OtlpSettings settings, Http11Client client) {
    this.settings = settings;
    this.client = client;
    settings.headers.forEach((name, value) -> {
      headers.add(name);
      headers.add(value);
    });
    headers.add("content-type");
    headers.add("application/x-protobuf");
    if (settings.gzip) {
      headers.add("content-encoding");
      headers.add("gzip");
    }
  }

  @Override
  public Outcome send(MessageWriter request) {
    if (shut) {
      return Outcome.FAILED;
    }
    long start = System.nanoTime();
    sending = Thread.currentThread();
    try {
      byte[] body = OtlpMessages.bytes(request, settings.gzip);
      HttpResult response = OtlpRetry.run(RetryPolicy.getDefault(), settings.timeoutMillis,
          remaining -> client.post(headers, body, remaining), HttpResult::retryable);
      if (response.status / 100 == 2) {
        return Outcome.SENT;
      }
      ExportFailures.log(settings, Outcome.FAILED, "HTTP " + response.status);
      return Outcome.FAILED;
    } catch (IOException | RuntimeException e) {
      Outcome outcome = ExportFailures.outcome(e, start, settings.timeoutMillis);
      if (!shut) {
        ExportFailures.log(settings, outcome, ExportFailures.describe(e));
      }
      return outcome;
    } finally {
      sending = null;
    }
  }

  @Override
  public void shutdown(long timeoutMillis) {
    shut = true;
    client.close();
    Thread t = sending;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
