package dev.vigil.agent.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.NPlusOneFindings;
import org.junit.jupiter.api.Test;

/** Each rule of the decision table: a case where it must fire and one where it must not. */
class RulesTest {
  private static PoolView connectionPool(long active, long max, long pending, double waitP99Ms) {
    return new PoolView("HikariPool-1", PoolView.CONNECTION_POOL, active, max - active, max, pending, waitP99Ms);
  }

  @Test
  void poolSaturationFiresWhenThreadsWaitForConnectionsOfARouteThatRunsSql() {
    Fixture f = new Fixture("/orders").requests(100, 200, 200).sql("select 1", 100, 5)
        .pool(connectionPool(10, 10, 4, 180));
    Cause c = new PoolSaturationRule().check(f.context());
    assertThat(c).isNotNull();
    assertThat(c.kind).isEqualTo("pool_saturation");
    assertThat(c.title).contains("HikariPool-1");
    assertThat(c.evidence).anyMatch(e -> e.contains("pending 4 > 0"));
    assertThat(c.score).isGreaterThan(0.8);
  }

  @Test
  void poolSaturationIgnoresABusyPoolNobodyWaitsForAndRoutesWithoutSql() {
    Fixture busy = new Fixture("/orders").requests(100, 200, 200).sql("select 1", 100, 5)
        .pool(connectionPool(10, 10, 0, 0.5));
    assertThat(new PoolSaturationRule().check(busy.context())).isNull();
    Fixture noSql = new Fixture("/health").requests(100, 200, 200).pool(connectionPool(10, 10, 4, 180));
    assertThat(new PoolSaturationRule().check(noSql.context())).isNull();
  }

  @Test
  void nPlusOneFiresOnAFindingOfTheRouteWithItsTrace() {
    Fixture f = new Fixture("/stock-report").requests(10, 20, 200).sql("select * from p where id = ?", 80, 1);
    NPlusOneFindings findings = new NPlusOneFindings(10, 10);
    NPlusOneFindings.Finding finding =
        findings.report("/stock-report", "postgresql", "select * from p where id = ?", 8);
    finding.example("4bf92f3577b34da6a3ce929d0e0e4736");
    f.nPlusOne.add(finding);
    Cause c = new NPlusOneRule().check(f.context());
    assertThat(c.kind).isEqualTo("n_plus_one");
    assertThat(c.traceIds).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(c.evidence).anyMatch(e -> e.contains("8.0 executions per request"));
    assertThat(new NPlusOneRule().check(new Fixture("/x").requests(10, 20, 200).context())).isNull();
  }

  @Test
  void slowDependencyFiresWhenOneHostTakesMostOfTheRouteTime() {
    Fixture f = new Fixture("/checkout").requests(10, 100, 200).outbound("payments", 8080, 10, 80);
    Cause c = new SlowDependencyRule().check(f.context());
    assertThat(c.kind).isEqualTo("slow_dependency");
    assertThat(c.title).contains("payments:8080");
    assertThat(c.score).isBetween(0.7, 0.9);
    Fixture fast = new Fixture("/checkout").requests(10, 100, 200).outbound("payments", 8080, 10, 5);
    assertThat(new SlowDependencyRule().check(fast.context())).isNull();
  }

  @Test
  void aDependencyThatTurnedSlowCountsByItsRecentShareNotItsShareSinceStart() {
    Fixture f = new Fixture("/checkout").requests(100, 100, 200).outbound("payments", 8080, 100, 5);
    RecentShares shares = new RecentShares();
    String key = "GET /checkout";
    shares.of(key, f.stats.dependenciesOrNull(), f.stats.totalSeconds(), 0); // an hour of fast calls: 5% share
    shares.of(key, f.stats.dependenciesOrNull(), f.stats.totalSeconds(), RecentShares.ROLL_MS);
    f.requests(10, 100, 200).outbound("payments", 8080, 10, 90); // now: 90% of each request
    RecentShares.Shares now = shares.of(key, f.stats.dependenciesOrNull(), f.stats.totalSeconds(),
        RecentShares.ROLL_MS + 1);
    assertThat(now.host(0)).isCloseTo(0.9, org.assertj.core.api.Assertions.within(0.01));
    assertThat(f.stats.dependenciesOrNull().hosts().get(0).totalNanos() / 1e9 / f.stats.totalSeconds())
        .as("since start").isLessThan(0.15);
  }

  @Test
  void cpuBoundFiresOnABusyProcessWhoseRouteWaitsOnNothing() {
    Fixture f = new Fixture("/cpu").requests(10, 100, 200);
    f.jvm = new JvmLoad.Reading(0.0, 0.2, 0.95, 0.97);
    assertThat(new CpuBoundRule().check(f.context()).kind).isEqualTo("cpu_bound");
    Fixture idle = new Fixture("/cpu").requests(10, 100, 200);
    assertThat(new CpuBoundRule().check(idle.context())).as("CPU 10%").isNull();
    Fixture waiting = new Fixture("/orders").requests(10, 100, 200).sql("select 1", 10, 5)
        .pool(connectionPool(10, 10, 3, 90));
    waiting.jvm = f.jvm;
    assertThat(new CpuBoundRule().check(waiting.context())).as("time spent waiting for a connection").isNull();
  }

  @Test
  void untracedWaitFiresOnASlowRouteThatNoDependencyPoolOrCpuExplains() {
    Fixture sleeping = new Fixture("/slow").requests(10, 300, 200);
    Cause c = new UntracedWaitRule().check(sleeping.context());
    assertThat(c.kind).isEqualTo("untraced_wait");
    assertThat(String.join(" ", c.evidence)).contains("--event wall --route '/slow'");
    assertThat(new UntracedWaitRule().check(new Fixture("/fast").requests(10, 5, 200).context()))
        .as("a fast route").isNull();
    Fixture querying = new Fixture("/report").requests(10, 300, 200).sql("select 1", 10, 280);
    assertThat(new UntracedWaitRule().check(querying.context())).as("its time is in a statement").isNull();
    Fixture busy = new Fixture("/cpu").requests(10, 300, 200);
    busy.jvm = new JvmLoad.Reading(0.0, 0.2, 0.95, 0.97);
    assertThat(new UntracedWaitRule().check(busy.context())).as("the CPU is busy: cpu_bound says it").isNull();
  }

  @Test
  void gcPressureFiresOnGcTimeOrAFullHeapAfterGc() {
    Fixture f = new Fixture("/x").requests(10, 100, 200);
    f.jvm = new JvmLoad.Reading(0.12, 0.4, 0.3, 0.3);
    assertThat(new GcPressureRule().check(f.context()).kind).isEqualTo("gc_pressure");
    f.jvm = new JvmLoad.Reading(0.0, 0.95, 0.3, 0.3);
    assertThat(new GcPressureRule().check(f.context())).isNotNull();
    f.jvm = new JvmLoad.Reading(0.01, 0.3, 0.3, 0.3);
    assertThat(new GcPressureRule().check(f.context())).isNull();
  }

  @Test
  void queueingFiresOnAFullPoolWithAQueueButNotOnScheduledOrIdlePools() {
    Fixture f = new Fixture("/x").requests(10, 100, 200)
        .pool(new PoolView("workers", PoolView.EXECUTOR, 8, 0, 8, 12, 60));
    Cause c = new QueueingRule().check(f.context());
    assertThat(c.kind).isEqualTo("queueing");
    assertThat(c.title).contains("workers");
    Fixture scheduled = new Fixture("/x").requests(10, 100, 200)
        .pool(new PoolView("scheduler", PoolView.EXECUTOR, 0, 1, 1, 3, Double.NaN)) // delayed tasks, idle thread
        .pool(new PoolView("idle", PoolView.EXECUTOR, 0, 4, 4, 0, Double.NaN));
    assertThat(new QueueingRule().check(scheduled.context())).isNull();
  }

  @Test
  void cacheMissesFireBelowHalfHitsOverEnoughReads() {
    Fixture f = new Fixture("/products/{id}").requests(10, 10, 200);
    f.cacheHits = 20;
    f.cacheMisses = 180;
    assertThat(new CacheMissRule().check(f.context()).kind).isEqualTo("cache_misses");
    f.cacheHits = 180;
    f.cacheMisses = 20;
    assertThat(new CacheMissRule().check(f.context())).isNull();
    f.cacheHits = 1;
    f.cacheMisses = 9;
    assertThat(new CacheMissRule().check(f.context())).as("too few reads").isNull();
  }

  @Test
  void errorBurstFiresOnManyFailuresButNotOnARareOne() {
    Fixture f = new Fixture("/pay").requests(80, 10, 200).requests(20, 10, 503);
    Cause c = new ErrorBurstRule().check(f.context());
    assertThat(c.kind).isEqualTo("error_burst");
    assertThat(c.evidence).anyMatch(e -> e.contains("20 of 100"));
    Fixture rare = new Fixture("/pay").requests(999, 10, 200).requests(1, 10, 503);
    assertThat(new ErrorBurstRule().check(rare.context())).isNull();
  }

  @Test
  void anIdleRouteGetsNoCause() {
    Fixture idle = new Fixture("/idle");
    idle.jvm = new JvmLoad.Reading(0.2, 0.95, 0.99, 0.99);
    idle.pool(new PoolView("workers", PoolView.EXECUTOR, 8, 0, 8, 12, 60));
    RouteContext ctx = idle.context();
    for (Rule rule : Diagnosis.RULES) {
      assertThat(rule.check(ctx)).as(rule.getClass().getSimpleName()).isNull();
    }
  }

  @Test
  void apdexRatingBands() {
    assertThat(Apdex.rating(0.94)).isEqualTo("Excellent");
    assertThat(Apdex.rating(0.93)).isEqualTo("Good");
    assertThat(Apdex.rating(0.85)).isEqualTo("Good");
    assertThat(Apdex.rating(0.70)).isEqualTo("Fair");
    assertThat(Apdex.rating(0.50)).isEqualTo("Poor");
    assertThat(Apdex.rating(0.49)).isEqualTo("Unacceptable");
    assertThat(Apdex.rating(Double.NaN)).isNull();
  }
}
