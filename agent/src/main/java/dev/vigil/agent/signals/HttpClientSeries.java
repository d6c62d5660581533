package dev.vigil.agent.signals;

/** Outbound HTTP requests of one (method, server address, port, status, error type): a duration histogram. */
public final class HttpClientSeries {
  public final String method;
  public final String address;
  /** 0 when absent (the address folded into {@code _other}). */
  public final int port;
  /** 0 when no response came. */
  public final int status;
  public final String errorType;
  final BucketHistogram histogram = new BucketHistogram();

  HttpClientSeries(String method, String address, int port, int status, String errorType) {
    this.method = method;
    this.address = address;
    this.port = port;
    this.status = status;
    this.errorType = errorType;
  }

  public void record(long nanos) {
    histogram.record(nanos);
  }

  public long count() {
    return histogram.count();
  }
}
