package dev.vigil.agent.signals;

import java.util.List;

/**
 * Series of the messaging metrics ({@code publish} and {@code process}), capped: names the broker made up (server-named
 * queues, direct reply-to addresses) share one destination, {@value #TEMPORARY}; past the cap a new destination folds into
 * {@code _other}, and past twice the cap everything folds into one {@code _other} series; {@link #folded()} counts both.
 */
public final class MessagingRegistry {
  public static final String OTHER = CappedSeries.OTHER;
  public static final String TEMPORARY = "(temporary)";
  static final BucketHistogram.Bounds BOUNDS = new BucketHistogram.Bounds(BucketHistogram.DB_BOUNDS_SECONDS);

  private final CappedSeries<OperationSeries> series;

  public MessagingRegistry(int maxSeries) {
    this.series = CappedSeries.operations(maxSeries, BOUNDS);
  }

  /** The destination as it is named in series and span names: one name for every temporary queue. */
  public static String destination(String name) {
    if (name == null || name.isEmpty()) {
      return "(default)";
    }
    return isTemporary(name) ? TEMPORARY : name;
  }

  /**
   * A name the broker made up: a server-named queue ({@code amq.gen-...}, new per declaration) or a direct reply-to
   * address ({@code amq.rabbitmq.reply-to.<per-consumer suffix>}).
   */
  public static boolean isTemporary(String name) {
    return name != null && (name.startsWith("amq.gen-") || name.startsWith("amq.rabbitmq.reply-to."));
  }

  /** The series for these labels ({@code errorType} null: none), created on first use or folded past the cap. */
  public OperationSeries series(String system, String operation, String destination, String errorType) {
    return series.get(system, operation, destination, errorType);
  }

  public List<OperationSeries> all() {
    return series.all();
  }

  public long folded() {
    return series.folded();
  }
}
