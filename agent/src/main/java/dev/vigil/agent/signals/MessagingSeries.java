package dev.vigil.agent.signals;

/** Messages of one (system, operation, destination, error type): a duration histogram. */
public final class MessagingSeries {
  public final String system;
  public final String operation;
  public final String destination;
  public final String errorType;
  final BucketHistogram histogram = new BucketHistogram(MessagingRegistry.BOUNDS);

  MessagingSeries(String system, String operation, String destination, String errorType) {
    this.system = system;
    this.operation = operation;
    this.destination = destination;
    this.errorType = errorType;
  }

  public void record(long nanos) {
    histogram.record(nanos);
  }

  public long count() {
    return histogram.count();
  }
}
