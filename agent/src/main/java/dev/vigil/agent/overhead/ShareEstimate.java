package dev.vigil.agent.overhead;

/**
 * The agent's share of the process's CPU over the last few windows measured at the same sampling ratio, with a
 * confidence interval. Its own threads' CPU is exact; its time on application threads comes from a few dozen JFR
 * samples a second, so a small share is uncertain: the Wilson score interval (about 95%) of the share of samples in
 * agent code bounds it. The budget acts only when the whole interval is on one side, so noise alone never moves the
 * sampling ratio; pooling windows narrows the interval when the share is close to the budget.
 */
final class ShareEstimate {
  static final int MAX_WINDOWS = 6;
  private static final double Z = 2.0;
  private final CpuWindow[] windows = new CpuWindow[MAX_WINDOWS];
  private int count;
  private int next;

  void add(CpuWindow w) {
    windows[next] = w;
    next = (next + 1) % MAX_WINDOWS;
    count = Math.min(MAX_WINDOWS, count + 1);
  }

  /** Forgets every window: after the sampling ratio changed, older windows no longer describe the cost. */
  void clear() {
    count = 0;
    next = 0;
  }

  int windows() {
    return count;
  }

  double share() {
    return share(0);
  }

  double low() {
    return share(-1);
  }

  double high() {
    return share(1);
  }

  /** side -1, 0, 1: the low end of the interval, the point estimate, the high end. */
  private double share(int side) {
    long process = 0;
    long agentThreads = 0;
    long applicationUser = 0;
    long n = 0;
    long k = 0;
    for (int i = 0; i < count; i++) {
      CpuWindow w = windows[i];
      process += w.processNanos;
      agentThreads += w.agentThreadNanos;
      applicationUser += w.applicationUserNanos;
      n += w.applicationSamples;
      k += w.agentSamples;
    }
    if (process <= 0) {
      return 0;
    }
    double fraction = n == 0 ? 0 : side == 0 ? (double) k / n : wilson(k, n, side);
    return Math.min(1.0, (agentThreads + applicationUser * fraction) / process);
  }

  /** The low (side -1) or high (side 1) end of the Wilson score interval of k successes in n trials. */
  static double wilson(long k, long n, int side) {
    double p = (double) k / n;
    double z2 = Z * Z;
    double centre = p + z2 / (2 * n);
    double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return Math.max(0, Math.min(1, (centre + side * spread) / (1 + z2 / n)));
  }
}
