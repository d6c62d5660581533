package dev.vigil.exporter.otlp.http;

/** An HTTP response: status, reason phrase, body, and whether the server closes the connection after it. */
public final class HttpResult {
  public final int status;
  public final String reason;
  public final byte[] body;
  final boolean closes;

  HttpResult(int status, String reason, byte[] body, boolean closes) {
    this.status = status;
    this.reason = reason;
    this.body = body;
    this.closes = closes;
  }

  /** Statuses the OTLP spec says to retry: 429, 502, 503, 504. */
  public boolean retryable() {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
