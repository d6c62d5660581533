package dev.vigil.loadgen;

import org.HdrHistogram.Histogram;

/**
 * Outcomes of one target (or all): an HdrHistogram of latencies in microseconds, 3 significant digits. The caller
 * passes the request's intended send time, so a request that waited behind a stall (in the server or in this
 * generator) is charged the whole wait. Requests intended before the warm-up end are counted as sent, nothing more.
 */
public final class LatencyStats {
  static final long HIGHEST_MICROS = 3_600_000_000L;

  private final long warmupEndNanos;
  private final long apdexNanos;
  private final Histogram micros = new Histogram(1, HIGHEST_MICROS, 3);
  private long sent;
  private long errors;
  private long late;
  private long satisfied;
  private long tolerating;

  public LatencyStats(long warmupEndNanos, long apdexNanos) {
    this.warmupEndNanos = warmupEndNanos;
    this.apdexNanos = apdexNanos;
  }

  /** A finished request: latency is {@code endNanos - intendedNanos}. {@code ok} is false for errors. */
  public synchronized void complete(long intendedNanos, long endNanos, boolean ok) {
    sent++;
    if (intendedNanos < warmupEndNanos) {
      return;
    }
    long nanos = Math.max(0, endNanos - intendedNanos);
    micros.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1000)));
    if (!ok) {
      errors++;
    } else if (nanos <= apdexNanos) {
      satisfied++;
    } else if (nanos <= 4 * apdexNanos) {
      tolerating++;
    }
  }

  /** A request that could not start in time (every connection busy): not sent, counted late, frustrated. */
  public synchronized void late(long intendedNanos) {
    if (intendedNanos >= warmupEndNanos) {
      late++;
    }
  }

  /** The measured figures; {@code seconds} is the measured window, for throughput. */
  public synchronized Summary summary(String name, double seconds) {
    long completed = micros.getTotalCount();
    long attempted = completed + late;
    Summary s = new Summary();
    s.name = name;
    s.sent = sent;
    s.completed = completed;
    s.errors = errors;
    s.late = late;
    s.seconds = seconds;
    s.throughput = seconds > 0 ? (completed - errors) / seconds : 0;
    s.errorPercent = attempted == 0 ? 0 : 100.0 * (errors + late) / attempted;
    s.apdexT = apdexNanos / 1e6;
    s.apdex = attempted == 0 ? Double.NaN : (satisfied + tolerating / 2.0) / attempted;
    if (completed > 0) {
      s.meanMs = micros.getMean() / 1000;
      s.p50Ms = ms(50);
      s.p90Ms = ms(90);
      s.p95Ms = ms(95);
      s.p99Ms = ms(99);
      s.p999Ms = ms(99.9);
      s.maxMs = micros.getMaxValue() / 1000.0;
    }
    return s;
  }

  private double ms(double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Plain figures of one target, as reported. NaN where nothing was measured. */
  public static final class Summary {
    public String name;
    public long sent;
    public long completed;
    public long errors;
    public long late;
    public double seconds;
    public double throughput;
    public double errorPercent;
    public double apdexT;
    public double apdex;
    public double meanMs = Double.NaN;
    public double p50Ms = Double.NaN;
    public double p90Ms = Double.NaN;
    public double p95Ms = Double.NaN;
    public double p99Ms = Double.NaN;
    public double p999Ms = Double.NaN;
    public double maxMs = Double.NaN;
  }
}
