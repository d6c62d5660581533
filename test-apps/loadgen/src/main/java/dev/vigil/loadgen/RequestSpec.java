package dev.vigil.loadgen;

/** What every request carries and what counts as success. */
final class RequestSpec {
  final byte[] body;
  final int idRange;

  RequestSpec(byte[] body, int idRange) {
    this.body = body;
    this.idRange = Math.max(1, idRange);
  }

  /** 2xx and 3xx are successes; 4xx and 5xx are errors. */
  boolean ok(int status) {
    return status >= 200 && status < 400;
  }
}
