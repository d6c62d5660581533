package dev.vigil.agent.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.signals.EndpointSummary;
import dev.vigil.agent.support.CapturedStderr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloTest {
  @Test
  void p99ObjectiveBurnsByTheShareOfSlowRequestsOverOnePercent() {
    Fixture f = new Fixture("/products/{id}").requests(95, 50, 200).requests(5, 400, 200);
    Slo slo = Slo.from(VigilConfig.of(Map.of("vigil.slo./products/{id}.p99", "200ms"), Map.of()));
    List<Slo.Burn> burns = slo.burns(f.stats, EndpointSummary.of(f.stats, System.nanoTime()));
    assertThat(burns).hasSize(1);
    assertThat(burns.get(0).objective).isEqualTo("p99 < 200 ms");
    assertThat(burns.get(0).burnRate).isCloseTo(5.0, within(1e-9));
    assertThat(burns.get(0).budgetLeft()).isZero();
  }

  @Test
  void errorObjectiveWithinBudget() {
    Fixture f = new Fixture("/pay").requests(995, 10, 200).requests(5, 10, 500);
    Slo slo = Slo.from(VigilConfig.of(Map.of("vigil.slo./pay.error_rate", "0.01"), Map.of()));
    Slo.Burn b = slo.burns(f.stats, EndpointSummary.of(f.stats, System.nanoTime())).get(0);
    assertThat(b.burnRate).isCloseTo(0.5, within(1e-9));
    assertThat(b.budgetLeft()).isCloseTo(0.5, within(1e-9));
    assertThat(slo.burns(new Fixture("/other").requests(1, 1, 200).stats,
        EndpointSummary.of(new Fixture("/other").stats, System.nanoTime()))).isEmpty();
  }

  @Test
  void aBadObjectiveIsNamedInOneLineAndIgnored() {
    try (CapturedStderr err = CapturedStderr.start()) {
      Slo slo = Slo.from(VigilConfig.of(Map.of("vigil.slo./pay.error_rate", "2", "vigil.slo./x.p99", "soon"),
          Map.of()));
      assertThat(slo.isEmpty()).isTrue();
      assertThat(String.join("\n", err.lines())).contains("vigil.slo./pay.error_rate=2")
          .contains("vigil.slo./x.p99=soon");
    }
  }
}
