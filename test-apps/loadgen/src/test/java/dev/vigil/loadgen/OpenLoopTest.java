package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  private final FakeClock clock = new FakeClock();
  private final Targets one = new Targets(List.of(Target.parse("http://h:1/x", "GET")));

  /**
   * The classic coordinated-omission trap: a server that answers in 1 ms but freezes for 1 s, and a sender that is
   * stuck while it waits (the worst case). Requests due during the freeze go out late, and must be charged the time
   * they waited since their due time, so about 10% of 1000 requests are slow and p99 is near a second. Measured from
   * the actual send, only one request would look slow and p99 would read 1 ms.
   */
  @Test
  void aStallIsChargedToEveryRequestDueDuringIt() {
    Schedule schedule = new Schedule(0, 100, 0, 10 * S);
    Results results = new Results(one, schedule.warmupEndNanos(), 500 * MS);
    List<Long> sendTimes = new ArrayList<>();
    new OpenLoop(clock, schedule, one, results).run((seq, target, due) -> {
      long sentAt = clock.nanoTime();
      sendTimes.add(sentAt);
      long end = sentAt >= 2 * S && sentAt < 3 * S ? 3 * S + MS : sentAt + MS;
      clock.now = end; // the sender blocks until the answer
      results.complete(target, due, end, true);
      return true;
    });

    LatencyStats.Summary s = results.total(10);
    assertThat(s.completed).isEqualTo(1000);
    assertThat(s.p99Ms).isGreaterThan(800);
    assertThat(s.p90Ms).isGreaterThan(50);
    assertThat(s.p50Ms).isLessThan(2);
    assertThat(s.maxMs).isBetween(990.0, 1010.0);
    // The backlog went out as soon as the sender was free: the schedule never waited for responses to plan sends.
    assertThat(sendTimes.get(201)).isEqualTo(3 * S + MS);
    assertThat(sendTimes.get(202)).isEqualTo(3 * S + 2 * MS);
  }

  @Test
  void dueTimesComeFromThePlanNotFromThePreviousSend() {
    Schedule schedule = new Schedule(5 * S, 1000, 0, S);
    List<Long> dues = new ArrayList<>();
    new OpenLoop(clock, schedule, one, new Results(one, 0, MS)).run((seq, target, due) -> {
      dues.add(due);
      clock.now += 3 * MS; // every send takes three periods: the generator runs late all along
      return true;
    });
    assertThat(dues).hasSize(1000);
    for (int i = 0; i < dues.size(); i++) {
      assertThat(dues.get(i)).isEqualTo(5 * S + i * MS);
    }
  }

  @Test
  void aSendThatCannotStartIsLateAndCountsAsAnError() {
    Schedule schedule = new Schedule(0, 100, 0, S);
    Results results = new Results(one, 0, 500 * MS);
    new OpenLoop(clock, schedule, one, results).run((seq, target, due) -> {
      if (seq % 4 == 3) {
        return false; // every connection busy
      }
      results.complete(target, due, due + MS, true);
      return true;
    });
    LatencyStats.Summary s = results.total(1);
    assertThat(s.completed).isEqualTo(75);
    assertThat(s.late).isEqualTo(25);
    assertThat(s.errorPercent).isEqualTo(25.0);
    assertThat(s.apdex).isEqualTo(0.75);
  }

  @Test
  void warmUpRequestsAreSentButNotMeasured() {
    Schedule schedule = new Schedule(0, 10, 2 * S, 3 * S);
    Results results = new Results(one, schedule.warmupEndNanos(), 500 * MS);
    new OpenLoop(clock, schedule, one, results).run((seq, target, due) -> {
      // warm-up requests are slow, measured ones fast: a leak of warm-up into the figures shows in max
      results.complete(target, due, due + (due < 2 * S ? 900 * MS : MS), true);
      return true;
    });
    LatencyStats.Summary s = results.total(3);
    assertThat(schedule.count()).isEqualTo(50);
    assertThat(s.sent).isEqualTo(50);
    assertThat(s.completed).isEqualTo(30);
    assertThat(s.maxMs).isLessThan(2);
    assertThat(s.throughput).isEqualTo(10.0);
  }
}
