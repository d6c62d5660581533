package dev.vigil.agent.signals;

/**
 * Client operations of one label set, (system, operation, target, error type), as a duration histogram: database
 * operations (target: the table), messages (target: the destination) and RPCs (target: the method, operation: the
 * status code's name). The target is the open-ended label, the one {@link CappedSeries} folds first.
 */
public final class OperationSeries {
  public final String system;
  public final String operation;
  public final String target;
  /** Null when the operations succeeded. */
  public final String errorType;
  final BucketHistogram histogram;

  OperationSeries(String system, String operation, String target, String errorType, BucketHistogram.Bounds bounds) {
    this.system = system;
    this.operation = operation;
    this.target = target;
    this.errorType = errorType;
    this.histogram = new BucketHistogram(bounds);
  }

  public void record(long nanos) {
    histogram.record(nanos);
  }

  public long count() {
    return histogram.count();
  }
}
