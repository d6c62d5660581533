package dev.vigil.agent.profiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTimelineTest {
  @Test
  void namesTheRouteOfTheRequestRunningOnAThreadAtAnInstant() throws Exception {
    RouteTimeline.activate();
    long t0 = System.nanoTime();
    long me = Thread.currentThread().getId();
    RouteTimeline.record(t0, t0 + 1_000_000, "/a");
    RouteTimeline.record(t0 + 2_000_000, t0 + 3_000_000, "/b");
    long[] other = new long[1];
    Thread t = new Thread(() -> {
      other[0] = Thread.currentThread().getId();
      RouteTimeline.record(t0, t0 + 3_000_000, "/c");
    });
    t.start();
    t.join();
    RouteTimeline.Index index = RouteTimeline.index();
    assertThat(index.routeAt(me, RouteTimeline.toEpochNanos(t0 + 500_000))).isEqualTo("/a");
    assertThat(index.routeAt(me, RouteTimeline.toEpochNanos(t0 + 1_500_000))).as("between requests").isNull();
    assertThat(index.routeAt(me, RouteTimeline.toEpochNanos(t0 + 2_500_000))).isEqualTo("/b");
    assertThat(index.routeAt(me, RouteTimeline.toEpochNanos(t0 + 5_000_000))).isNull();
    assertThat(index.routeAt(other[0], RouteTimeline.toEpochNanos(t0 + 1_500_000))).isEqualTo("/c");
    assertThat(index.routeAt(-1, RouteTimeline.toEpochNanos(t0))).isNull();
    RouteTimeline.deactivate();
  }

  @Test
  void recordsNothingWhileNoProfileRuns() {
    RouteTimeline.activate();
    RouteTimeline.deactivate();
    long t0 = System.nanoTime() + 10_000_000_000L; // an instant no other test used
    RouteTimeline.record(t0, t0 + 1_000_000, "/off");
    assertThat(RouteTimeline.index().routeAt(Thread.currentThread().getId(), RouteTimeline.toEpochNanos(t0 + 1)))
        .isNull();
  }
}
