package dev.vigil.agent.signals;

/** RPCs of one (system, method, status code): a duration histogram. */
public final class RpcSeries {
  /** gRPC's status names, by numeric code (io.grpc.Status.Code). */
  private static final String[] GRPC_CODES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
      "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

  public final String system;
  public final String method;
  public final int status;
  /** Whether the status counts as an error on this side (then it is also {@code error.type}). */
  public final boolean error;
  final BucketHistogram histogram = new BucketHistogram();

  RpcSeries(String system, String method, int status, boolean error) {
    this.system = system;
    this.method = method;
    this.status = status;
    this.error = error;
  }

  public void record(long nanos) {
    histogram.record(nanos);
  }

  public long count() {
    return histogram.count();
  }

  /** The status's name ({@code NOT_FOUND}), or its number when gRPC defines none. */
  public String statusName() {
    return statusName(status);
  }

  public static String statusName(int code) {
    return code >= 0 && code < GRPC_CODES.length ? GRPC_CODES[code] : Integer.toString(code);
  }
}
