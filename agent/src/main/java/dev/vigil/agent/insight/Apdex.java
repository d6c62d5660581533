package dev.vigil.agent.insight;

/** The usual Apdex rating bands. */
final class Apdex {
  private Apdex() {}

  /** Excellent from 0.94, Good from 0.85, Fair from 0.70, Poor from 0.50, else Unacceptable; null for NaN. */
  static String rating(double apdex) {
    if (Double.isNaN(apdex)) {
      return null;
    }
    return apdex >= 0.94 ? "Excellent" : apdex >= 0.85 ? "Good" : apdex >= 0.70 ? "Fair" : apdex >= 0.50 ? "Poor"
        : "Unacceptable";
  }

  /** A route is healthy when its Apdex is at least Fair and fewer than 5% of its requests fail. */
  static boolean healthy(double apdex, double errorRatio) {
    return !(apdex < 0.70) && !(errorRatio >= 0.05);
  }
}
