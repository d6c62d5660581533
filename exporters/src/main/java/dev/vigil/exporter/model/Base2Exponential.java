package dev.vigil.exporter.model;

/**
 * The bucket mapping of base-2 exponential histograms, as the OpenTelemetry data model defines it: at scale s the base
 * is 2^(2^-s) and bucket i holds values in (base^i, base^(i+1)]. Prometheus native histograms use the same buckets
 * (their schema is the scale), numbered one higher.
 */
public final class Base2Exponential {
  public static final int MAX_SCALE = 20;
  public static final int MIN_SCALE = -10;
  private static final long MANTISSA_MASK = 0x000FFFFFFFFFFFFFL;

  private Base2Exponential() {}

  /** The bucket of a positive, finite, normal value: ceil(log2(v) * 2^scale) - 1, exact at powers of two. */
  public static int index(double v, int scale) {
    boolean powerOfTwo = (Double.doubleToRawLongBits(v) & MANTISSA_MASK) == 0;
    int exponent = Math.getExponent(v);
    if (scale <= 0) {
      return (powerOfTwo ? exponent - 1 : exponent) >> -scale;
    }
    if (powerOfTwo) {
      return (exponent << scale) - 1;
    }
    // log2(v) * 2^scale, computed as ln(v) * (2^scale / ln 2); a value a rounding error below an upper boundary may
    // land one bucket high, which the specification allows for this method.
    return (int) Math.ceil(Math.log(v) * Math.scalb(1 / Math.log(2), scale)) - 1;
  }

  /** The lower boundary of bucket {@code index}: base^index = 2^(index / 2^scale). */
  public static double lowerBoundary(int index, int scale) {
    return Math.pow(2, Math.scalb((double) index, -scale));
  }

  /**
   * The highest scale (at most {@link #MAX_SCALE}) at which the values from {@code min} to {@code max} fit in
   * {@code maxBuckets} buckets.
   */
  public static int scaleFor(double min, double max, int maxBuckets) {
    int scale = MAX_SCALE;
    while (scale > MIN_SCALE && index(max, scale) - index(min, scale) + 1 > maxBuckets) {
      scale--;
    }
    return scale;
  }
}
