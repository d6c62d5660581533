package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteDependenciesTest {
  @Test
  void statementsAndHostsAreCountedAndFoldIntoOtherPastTheirCaps() {
    RouteDependencies d = new RouteDependencies();
    Object key = new Object();
    d.statement(key, "postgresql", "select 1", 2_000_000);
    d.statement(new Object(), "postgresql", "select 1", 4_000_000); // same SQL through another cache entry
    for (int i = 0; i < 40; i++) {
      d.statement(new Object(), "postgresql", "select " + (i + 2), 1_000_000);
    }
    assertThat(d.statements()).hasSize(RouteDependencies.MAX_STATEMENTS + 1);
    RouteDependencies.Entry first = d.statements().get(0);
    assertThat(first.name).isEqualTo("select 1");
    assertThat(first.count()).isEqualTo(2);
    assertThat(first.totalNanos()).isEqualTo(6_000_000);
    RouteDependencies.Entry other = d.statements().get(RouteDependencies.MAX_STATEMENTS);
    assertThat(other.name).isEqualTo(RouteDependencies.OTHER);
    assertThat(other.count()).isEqualTo(40 - (RouteDependencies.MAX_STATEMENTS - 1));

    for (int i = 0; i < 20; i++) {
      d.outbound("10.0.0." + i, 80, 1_000_000);
      d.outbound("10.0.0." + i, 80, 1_000_000);
    }
    d.outbound(null, 0, 1_000_000);
    assertThat(d.hosts()).hasSize(RouteDependencies.MAX_HOSTS + 1);
    assertThat(d.hosts().get(0).count()).isEqualTo(2);
  }
}
