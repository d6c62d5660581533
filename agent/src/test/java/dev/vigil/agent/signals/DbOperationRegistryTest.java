package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DbOperationRegistryTest {
  @Test
  void sameLabelsSameSeries() {
    DbOperationRegistry r = new DbOperationRegistry(10);
    assertThat(r.series("h2database", "SELECT", "t", null)).isSameAs(r.series("h2database", "SELECT", "t", null));
    assertThat(r.series("h2database", "SELECT", "t", "42S02")).isNotSameAs(r.series("h2database", "SELECT", "t", null));
  }

  @Test
  void foldsTablesPastTheCapThenEverything() {
    DbOperationRegistry r = new DbOperationRegistry(3);
    for (int i = 0; i < 3; i++) {
      r.series("postgresql", "SELECT", "t" + i, null);
    }
    OperationSeries folded = r.series("postgresql", "SELECT", "t3", null);
    assertThat(folded.target).isEqualTo("_other");
    assertThat(folded.system).isEqualTo("postgresql");
    assertThat(r.series("postgresql", "SELECT", "t4", null)).isSameAs(folded);
    r.series("postgresql", "INSERT", "t5", null);
    r.series("postgresql", "UPDATE", "t6", null);
    OperationSeries all = r.series("postgresql", "DELETE", "t7", null);
    assertThat(all.system).isEqualTo("_other");
    assertThat(r.all()).hasSizeLessThanOrEqualTo(2 * 3 + 1);
    assertThat(r.folded()).isEqualTo(5);
  }

  @Test
  void dbHistogramUsesDbBoundsAndHttpKeepsItsOwn() {
    OperationSeries s = new DbOperationRegistry(1).series("h2database", "SELECT", "t", null);
    s.record(2_000_000); // 2 ms: in the (0.001, 0.005] bucket
    assertThat(s.histogram.snapshot().upperBounds).containsExactly(BucketHistogram.DB_BOUNDS_SECONDS);
    assertThat(s.histogram.snapshot().counts[1]).isEqualTo(1);
    assertThat(new BucketHistogram().snapshot().upperBounds).containsExactly(BucketHistogram.BOUNDS_SECONDS);
  }
}
