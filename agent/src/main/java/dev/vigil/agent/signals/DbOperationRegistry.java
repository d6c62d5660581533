package dev.vigil.agent.signals;

import java.util.List;

/**
 * Series of {@code db.client.operation.duration}, capped: past the cap a new (system, operation, table, error) folds its
 * table into {@code _other}, and past twice the cap everything folds into one {@code _other} series; {@link #folded()}
 * counts both. Recorders resolve a series once per distinct statement and keep it, so this map is off the hot path.
 */
public final class DbOperationRegistry {
  public static final String OTHER = CappedSeries.OTHER;
  static final BucketHistogram.Bounds BOUNDS = new BucketHistogram.Bounds(BucketHistogram.DB_BOUNDS_SECONDS);

  private final CappedSeries<OperationSeries> series;

  public DbOperationRegistry(int maxSeries) {
    this.series = CappedSeries.operations(maxSeries, BOUNDS);
  }

  /** The series for these labels (null values mean absent), created on first use or folded past the cap. */
  public OperationSeries series(String system, String operation, String collection, String errorType) {
    return series.get(system, operation, collection, errorType);
  }

  public List<OperationSeries> all() {
    return series.all();
  }

  public long folded() {
    return series.folded();
  }
}
