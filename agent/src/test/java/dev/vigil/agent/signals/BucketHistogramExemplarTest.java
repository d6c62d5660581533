package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.Point;
import org.junit.jupiter.api.Test;

/** The last sampled measurement of a bucket is its exemplar; unsampled ones leave none. */
class BucketHistogramExemplarTest {
  @Test
  void lastSampledMeasurementPerBucket() {
    BucketHistogram h = new BucketHistogram();
    h.record(3_000_000); // 3 ms, bucket le=0.005, not sampled
    assertThat(h.snapshot().exemplars).isNull();
    h.record(3_000_000, "a".repeat(32), "1".repeat(16));
    h.record(4_000_000, "b".repeat(32), "2".repeat(16));
    h.record(200_000_000, "c".repeat(32), "3".repeat(16)); // 200 ms, le=0.25
    h.record(4_500_000); // unsampled: keeps b
    Point.Histogram s = h.snapshot();
    assertThat(s.exemplars[0].traceId).isEqualTo("b".repeat(32));
    assertThat(s.exemplars[0].spanId).isEqualTo("2".repeat(16));
    assertThat(s.exemplars[0].value).isEqualTo(0.004);
    assertThat(s.exemplars[6].traceId).isEqualTo("c".repeat(32));
    assertThat(s.exemplars[1]).isNull();
    assertThat(s.counts[0]).isEqualTo(4);
  }
}
