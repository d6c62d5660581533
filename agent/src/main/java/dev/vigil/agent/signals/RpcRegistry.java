package dev.vigil.agent.signals;

import java.util.List;

/**
 * Series of one side's RPC duration metric ({@code rpc.server.call.duration} or {@code rpc.client.call.duration}), one
 * per (system, method, status code), as {@link OperationSeries} whose target is the method and whose operation is the
 * status code's name. Methods come from service definitions, yet a generic proxy or a fallback registry can name any:
 * past {@code maxSeries} new methods fold into {@code _other} (past twice that, everything), counted by {@link #folded()}.
 */
public final class RpcRegistry {
  public static final String OTHER = CappedSeries.OTHER;
  /** gRPC's status names, by numeric code (io.grpc.Status.Code). */
  private static final String[] GRPC_CODES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
      "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

  private final CappedSeries<OperationSeries> series;

  public RpcRegistry(int maxSeries) {
    this.series = CappedSeries.operations(maxSeries, BucketHistogram.HTTP);
  }

  /**
   * The series for these labels; {@code statusCode} is the numeric gRPC status, {@code error} whether it counts as an
   * error on this side (then the status's name is also the {@code error.type}).
   */
  public OperationSeries series(String system, String method, int statusCode, boolean error) {
    String status = statusName(statusCode);
    return series.get(system, status, method, error ? status : null);
  }

  public List<OperationSeries> all() {
    return series.all();
  }

  public long folded() {
    return series.folded();
  }

  /** The status's name ({@code NOT_FOUND}), or its number when gRPC defines none. */
  public static String statusName(int code) {
    return code >= 0 && code < GRPC_CODES.length ? GRPC_CODES[code] : Integer.toString(code);
  }
}
