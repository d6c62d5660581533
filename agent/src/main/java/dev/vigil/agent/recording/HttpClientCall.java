package dev.vigil.agent.recording;

import dev.vigil.bootstrap.ClientCall;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.agent.signals.RouteDependencies;
import java.lang.ref.WeakReference;

/**
 * One outbound request of {@link HttpClientRecorder}: a new object per request (asynchronous clients end it on another
 * thread), ended once whoever calls first; the key it was remembered against is held weakly.
 */
final class HttpClientCall extends ClientCall {
  private final HttpClientRecorder recorder;
  final String method;
  final ClientUrl target;
  /** Null while traces are off. */
  final VigilSpan span;
  private final String[] headers;
  final WeakReference<Object> key;
  /** The route table of the inbound request that made this call, or null. */
  RouteDependencies route;
  private final long startNanos;
  private boolean ended;
  private volatile int respondedStatus;

  HttpClientCall(HttpClientRecorder recorder, String method, ClientUrl target, VigilSpan span, String[] headers,
      Object key, long startNanos) {
    this.recorder = recorder;
    this.startNanos = startNanos;
    this.method = method;
    this.target = target;
    this.span = span;
    this.headers = headers;
    this.key = key == null ? null : new WeakReference<>(key);
  }

  @Override
  public String[] headers() {
    return headers;
  }

  @Override
  public void responded(int status) {
    respondedStatus = status;
  }

  /** {@code status} 0 or less: the status {@link #responded} gave, if any. */
  @Override
  public void end(int status, Throwable error) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    try {
      recorder.finish(this, System.nanoTime() - startNanos, status > 0 ? status : respondedStatus, error);
    } catch (Throwable t) {
      HttpClientRecorder.failed(t);
    }
  }

  /** {@code CompletableFuture.whenComplete} of java.net.http's sendAsync: the response's status, or the failure. */
  @Override
  public void accept(Object response, Throwable error) {
    int status = 0;
    try {
      if (response instanceof java.net.http.HttpResponse) {
        status = ((java.net.http.HttpResponse<?>) response).statusCode();
      }
    } catch (Throwable t) {
      HttpClientRecorder.failed(t);
    }
    end(status, error);
  }
}
