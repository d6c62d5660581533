package dev.vigil.agent.signals;

/** Database operations of one (system, operation, table, error type): a duration histogram. */
public final class DbOperationSeries {
  public final String system;
  public final String operation;
  public final String collection;
  public final String errorType;
  final BucketHistogram histogram = new BucketHistogram(DbOperationRegistry.BOUNDS);

  DbOperationSeries(String system, String operation, String collection, String errorType) {
    this.system = system;
    this.operation = operation;
    this.collection = collection;
    this.errorType = errorType;
  }

  public void record(long nanos) {
    histogram.record(nanos);
  }

  public long count() {
    return histogram.count();
  }
}
