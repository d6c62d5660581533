package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencyReservoirTest {
  @Test
  void keepsEveryLatencyWhileThereIsRoom() {
    LatencyReservoir r = new LatencyReservoir(60, 6); // 10 per slot
    for (int i = 1; i <= 10; i++) {
      r.record(i * 1_000_000L);
    }
    int[] sample = r.sample(1024);
    Arrays.sort(sample);
    assertThat(sample).containsExactly(1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000);
  }

  @Test
  void memoryIsFixedWhateverTheTraffic() {
    LatencyReservoir r = new LatencyReservoir(1024, 6);
    assertThat(r.perSlot()).isEqualTo(171);
    for (int i = 0; i < 100_000; i++) {
      r.record(i * 1000L);
    }
    int[] sample = r.sample(1024);
    assertThat(sample).hasSize(171);
    assertThat(Arrays.stream(sample).allMatch(us -> us >= 0 && us < 100_000)).isTrue();
    assertThat(r.sample(50)).hasSize(50);
  }

  @Test
  void aFullSlotHoldsAUniformSample() {
    LatencyReservoir r = new LatencyReservoir(1024, 1);
    for (int i = 0; i < 200_000; i++) {
      r.record(i * 1000L); // 0 .. 200 ms, uniform
    }
    int[] sample = r.sample(1024);
    assertThat(sample).hasSize(1024);
    // mean of 1,024 uniform draws on [0, 200000): sd 57735 / 32 = 1804; 6 sd either side never fails by chance
    double mean = Arrays.stream(sample).average().orElseThrow();
    assertThat(mean).isBetween(100_000 - 6 * 1804.0, 100_000 + 6 * 1804.0);
    long firstHalf = Arrays.stream(sample).filter(us -> us < 100_000).count();
    assertThat(firstHalf).isBetween(512L - 6 * 16, 512L + 6 * 16); // binomial sd = 16
  }

  @Test
  void slotsAreMergedInProportionToTheirTraffic() {
    LatencyReservoir r = new LatencyReservoir(1024, 6);
    for (int i = 0; i < 1000; i++) {
      r.record(1_000_000L);
    }
    r.advance();
    for (int i = 0; i < 3000; i++) {
      r.record(2_000_000L);
    }
    int[] sample = r.sample(1024);
    // the busier slot holds 171 of its 3,000: the sample can be 171 * 4000 / 3000 = 228 large, a quarter from the other
    assertThat(Arrays.stream(sample).filter(us -> us == 1000).count()).isEqualTo(57);
    assertThat(Arrays.stream(sample).filter(us -> us == 2000).count()).isEqualTo(171);
  }

  @Test
  void latenciesLeaveWithTheirSlot() {
    LatencyReservoir r = new LatencyReservoir(60, 6);
    r.record(5_000_000L);
    for (int i = 0; i < 5; i++) {
      r.advance();
    }
    assertThat(r.sample(100)).containsExactly(5000);
    r.advance(); // the sixth tick reuses the slot it was in
    assertThat(r.sample(100)).isEmpty();
    r.record(7_000_000L);
    assertThat(r.sample(100)).containsExactly(7000);
  }

  @Test
  void onlySuccessfulRequestsAreSampledAndOnlyWhenAsked() {
    EndpointRegistry registry =
        new EndpointRegistry(10, new ApdexThresholds(500, java.util.Map.of()), 60_000_000_000L).samplesPerEndpoint(64);
    EndpointStats ok = registry.get("GET", "/ok");
    ok.complete(3_000_000L, 200, null);
    ok.complete(9_000_000L, 500, null);
    ok.complete(9_000_000L, 200, "java.io.IOException");
    assertThat(ok.samplesOrNull().sample(64)).containsExactly(3000);
    EndpointRegistry off = new EndpointRegistry(10, new ApdexThresholds(500, java.util.Map.of()), 60_000_000_000L);
    EndpointStats none = off.get("GET", "/ok");
    none.complete(3_000_000L, 200, null);
    assertThat(none.samplesOrNull()).isNull();
  }

  @Test
  void theRegistryTickRotatesTheSamples() {
    EndpointRegistry registry =
        new EndpointRegistry(10, new ApdexThresholds(500, java.util.Map.of()), 60_000_000_000L).samplesPerEndpoint(60);
    EndpointStats s = registry.get("GET", "/ok");
    s.complete(3_000_000L, 200, null);
    for (int i = 0; i < 6; i++) {
      registry.tick();
    }
    assertThat(s.samplesOrNull().sample(60)).isEmpty();
  }
}
