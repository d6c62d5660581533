package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which resources rank as saturated: only those that did real work, the pools' own upkeep never. */
class SaturationTest {

  @Test
  void aThreadParkedForEverInOneTaskIsNotSaturation() {
    Pool cleanup = new Pool("AbandonedConnectionCleanupThread", 1, 1, 0, 0); // one endless task, nothing completed
    Pool orders = new Pool("orders", 1, 4, 0, 25);
    assertThat(names(new Saturation(() -> List.of(cleanup, orders), List::of)))
        .containsExactly("executor/orders");
  }

  @Test
  void aDriversOrPoolsOwnUpkeepNeverRanks() {
    Pool housekeeper = new Pool("HikariPool-1 housekeeper", 1, 1, 3, 100);
    housekeeper.housekeeping = true;
    assertThat(new Saturation(() -> List.of(housekeeper), List::of).resources()).isEmpty();
  }

  @Test
  void waitingWorkRanksBeforeAnyTaskCompleted() {
    Pool orders = new Pool("orders", 2, 2, 3, 0);
    Saturation saturation = new Saturation(() -> List.of(orders), List::of);
    assertThat(saturation.mostSaturated().name).isEqualTo("executor/orders");
    assertThat(saturation.mostSaturated().waiting).isEqualTo(3);
  }

  @Test
  void anIdleApplicationHasNoMostSaturatedResource() {
    Pool idle = new Pool("orders", 0, 4, 0, 10);
    Saturation saturation = new Saturation(() -> List.of(idle), () -> List.of(new DbPool("shop-db", 0, 5)));
    assertThat(names(saturation)).as("an idle pool that worked is still listed").containsExactly("executor/orders");
    assertThat(saturation.mostSaturated()).isNull();
  }

  @Test
  void aConnectionPoolRanksOnceUsed() {
    DbPool unused = new DbPool("never-used", 0, 10);
    DbPool used = new DbPool("shop-db", 2, 10);
    DbPool borrowedBefore = new DbPool("reports", 0, 10);
    borrowedBefore.waitTime().record(1_000_000);
    assertThat(names(new Saturation(List::of, () -> List.of(unused, used, borrowedBefore))))
        .containsExactly("db_pool/shop-db", "db_pool/reports");
  }

  private static List<String> names(Saturation s) {
    return s.resources().stream().map(r -> r.name).collect(Collectors.toList());
  }

  private static final class Pool implements ExecutorStats {
    final String name;
    final int active;
    final int max;
    final int queued;
    final long completed;
    boolean housekeeping;
    final BucketHistogram runs = new BucketHistogram();

    Pool(String name, int active, int max, int queued, long completed) {
      this.name = name;
      this.active = active;
      this.max = max;
      this.queued = queued;
      this.completed = completed;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String type() {
      return "executor";
    }

    @Override
    public boolean alive() {
      return true;
    }

    @Override
    public boolean housekeeping() {
      return housekeeping;
    }

    @Override
    public int activeThreads() {
      return active;
    }

    @Override
    public int poolSize() {
      return active;
    }

    @Override
    public int maxSize() {
      return max;
    }

    @Override
    public int queueDepth() {
      return queued;
    }

    @Override
    public int queueRemaining() {
      return -1;
    }

    @Override
    public long completed() {
      return completed;
    }

    @Override
    public long rejected() {
      return 0;
    }

    @Override
    public BucketHistogram queueWait() {
      return runs;
    }

    @Override
    public BucketHistogram runTime() {
      return runs;
    }
  }

  private static final class DbPool implements ConnectionPoolStats {
    final String name;
    final int used;
    final int max;
    final BucketHistogram waits = new BucketHistogram();

    DbPool(String name, int used, int max) {
      this.name = name;
      this.used = used;
      this.max = max;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean alive() {
      return true;
    }

    @Override
    public int used() {
      return used;
    }

    @Override
    public int idle() {
      return max - used;
    }

    @Override
    public int max() {
      return max;
    }

    @Override
    public int pending() {
      return 0;
    }

    @Override
    public BucketHistogram waitTime() {
      return waits;
    }

    @Override
    public long timeouts() {
      return 0;
    }
  }
}
