package dev.vigil.exporter.otlp.grpc;

/** What a unary gRPC call returned: the gRPC status (0 is OK), its message, and the response message if any. */
public final class GrpcResult {
  public final int status;
  public final String message;
  public final byte[] body;

  GrpcResult(int status, String message, byte[] body) {
    this.status = status;
    this.message = message;
    this.body = body;
  }

  /** gRPC codes OTLP retries (OTLP spec, "Failures"): CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED,
   * OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS. */
  public boolean retryable() {
    switch (status) {
      case 1: case 4: case 8: case 10: case 11: case 14: case 15:
        return true;
      default:
        return false;
    }
  }
}
