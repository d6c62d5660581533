package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.Base2Exponential;
import dev.vigil.exporter.model.Point;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HdrToExponentialTest {
  @Test
  void anEmptyRecordingHasNoHistogram() {
    assertThat(HdrToExponential.convert(new Histogram(1, 3_600_000_000L, 2), 1e-6)).isNull();
  }

  @Test
  void eachValueLandsInTheBucketTheSpecificationGivesItAtTheHighestScaleThatFits() {
    Histogram hdr = new Histogram(1, 3_600_000_000L, 2);
    long[] micros = {1_000, 1_000, 12_000, 250_000, 2_000_000, 9_000_000};
    for (long m : micros) {
      hdr.recordValue(m);
    }
    Point.ExponentialHistogram e = HdrToExponential.convert(hdr, 1e-6);
    assertThat(e.count).isEqualTo(6);
    // 1 ms to 9 s: scale 3 (8 buckets per power of two) fits 160, scale 4 does not.
    assertThat(e.scale).isEqualTo(3);
    assertThat(e.counts.length).isLessThanOrEqualTo(HdrToExponential.MAX_BUCKETS);
    assertThat(Arrays.stream(e.counts).sum()).isEqualTo(6);
    for (long m : micros) {
      double v = hdr.highestEquivalentValue(m) * 1e-6;
      int bucket = Base2Exponential.index(v, e.scale) - e.offset;
      assertThat(e.counts[bucket]).as("bucket of %s s", v).isPositive();
      // The bucket's bounds hold the recorded value (to Hdr's 1 %).
      double lower = Base2Exponential.lowerBoundary(e.offset + bucket, e.scale);
      double upper = Base2Exponential.lowerBoundary(e.offset + bucket + 1, e.scale);
      assertThat(m * 1e-6).isBetween(lower * 0.99, upper * 1.01);
    }
    assertThat(e.counts[Base2Exponential.index(hdr.highestEquivalentValue(1_000) * 1e-6, e.scale) - e.offset])
        .isEqualTo(2);
    assertThat(e.sum).isCloseTo(11.263, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(e.min).isCloseTo(0.001, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(e.max).isCloseTo(9, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(e.zeroCount).isZero();
    assertThat(Base2Exponential.index(e.min, e.scale)).as("min in the first bucket").isEqualTo(e.offset);
    assertThat(Base2Exponential.index(e.max, e.scale)).as("max in the last").isEqualTo(e.offset + e.counts.length - 1);
  }

  @Test
  void aNarrowRangeGetsAFineScale() {
    Histogram hdr = new Histogram(1, 3_600_000_000L, 2);
    hdr.recordValue(100_000);
    hdr.recordValue(110_000);
    Point.ExponentialHistogram e = HdrToExponential.convert(hdr, 1e-6);
    assertThat(e.scale).isGreaterThanOrEqualTo(8); // 10 % apart: hundreds of buckets per power of two still fit
    assertThat(e.counts[0]).isEqualTo(1);
    assertThat(e.counts[e.counts.length - 1]).isEqualTo(1);
  }
}
