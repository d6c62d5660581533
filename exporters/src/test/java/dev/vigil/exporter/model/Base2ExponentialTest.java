package dev.vigil.exporter.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The mapping against the OpenTelemetry data model's definition: at scale s, bucket i holds (base^i, base^(i+1)] with
 * base = 2^(2^-s), so index(v) = ceil(log2(v) * 2^s) - 1, and a boundary belongs to the bucket below it.
 */
class Base2ExponentialTest {
  @Test
  void scaleZeroBucketsAreThePowersOfTwo() {
    assertThat(Base2Exponential.index(1, 0)).isEqualTo(-1); // (1/2, 1]
    assertThat(Base2Exponential.index(1.5, 0)).isEqualTo(0); // (1, 2]
    assertThat(Base2Exponential.index(2, 0)).isEqualTo(0);
    assertThat(Base2Exponential.index(3, 0)).isEqualTo(1); // (2, 4]
    assertThat(Base2Exponential.index(4, 0)).isEqualTo(1);
    assertThat(Base2Exponential.index(4.0000001, 0)).isEqualTo(2);
    assertThat(Base2Exponential.index(0.001, 0)).isEqualTo(-10); // (2^-10, 2^-9] = (0.000977, 0.00195]
  }

  @Test
  void negativeScalesMergeBuckets() {
    assertThat(Base2Exponential.index(4, -1)).isEqualTo(0); // base 4: (1, 4]
    assertThat(Base2Exponential.index(5, -1)).isEqualTo(1); // (4, 16]
    assertThat(Base2Exponential.index(16, -1)).isEqualTo(1);
    assertThat(Base2Exponential.index(17, -1)).isEqualTo(2);
    assertThat(Base2Exponential.index(0.3, -2)).isEqualTo(-1); // base 16: (1/16, 1]
  }

  @Test
  void positiveScalesSplitEachPowerOfTwo() {
    // scale 1, base sqrt(2): (1, 1.414] is 0, (1.414, 2] is 1, (2, 2.83] is 2.
    assertThat(Base2Exponential.index(1.4, 1)).isEqualTo(0);
    assertThat(Base2Exponential.index(1.5, 1)).isEqualTo(1);
    assertThat(Base2Exponential.index(2, 1)).isEqualTo(1);
    assertThat(Base2Exponential.index(2.1, 1)).isEqualTo(2);
    // scale 3, base 2^(1/8) = 1.0905: 0.1 s lies in (2^(-27/8), 2^(-26/8)] = (0.0960, 0.1051].
    assertThat(Base2Exponential.index(0.1, 3)).isEqualTo(-27);
    assertThat(Base2Exponential.index(Math.pow(2, 20), 20)).isEqualTo((20 << 20) - 1);
  }

  @Test
  void valuesJustAboveAndAtEachLowerBoundaryLandEitherSideOfIt() {
    for (int scale = -3; scale <= 8; scale++) {
      for (int i = -200; i <= 200; i += 7) {
        double boundary = Base2Exponential.lowerBoundary(i, scale);
        if (boundary < 1e-300 || boundary > 1e300) {
          continue; // beyond normal doubles (scale -3 reaches 2^-1600)
        }
        assertThat(Base2Exponential.index(boundary * (1 + 1e-9), scale)).as("above %s at scale %s", boundary, scale)
            .isEqualTo(i);
        assertThat(Base2Exponential.index(boundary * (1 - 1e-9), scale)).as("below %s at scale %s", boundary, scale)
            .isEqualTo(i - 1);
      }
    }
  }

  @Test
  void theScaleIsTheHighestThatFitsTheRange() {
    // 1 ms to 10 s spans log2(10000) = 13.3 powers of two: 8 buckets each (scale 3) gives 107, 16 (scale 4) 213.
    assertThat(Base2Exponential.scaleFor(0.001, 10, 160)).isEqualTo(3);
    assertThat(Base2Exponential.scaleFor(0.1, 0.1, 160)).isEqualTo(Base2Exponential.MAX_SCALE);
    int s = Base2Exponential.scaleFor(0.00123, 3.7, 160);
    assertThat(Base2Exponential.index(3.7, s) - Base2Exponential.index(0.00123, s) + 1).isLessThanOrEqualTo(160);
    assertThat(Base2Exponential.index(3.7, s + 1) - Base2Exponential.index(0.00123, s + 1) + 1).isGreaterThan(160);
  }
}
