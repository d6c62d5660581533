package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutorGroup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NettyPoolGaugesTest {
  @Test
  void aGroupShowsItsLoopsAndTheTasksWaitingBehindABusyOne() throws Exception {
    DefaultEventExecutorGroup group = new DefaultEventExecutorGroup(2);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      io.netty.util.concurrent.EventExecutor loop = group.next();
      loop.execute(() -> {
        running.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 3; i++) {
        loop.execute(() -> { });
      }
      assertThat(PoolGauges.NETTY.read(group, PoolGauges.SIZE)).isEqualTo(2);
      assertThat(PoolGauges.NETTY.read(group, PoolGauges.MAX)).isEqualTo(2);
      assertThat(PoolGauges.NETTY.read(group, PoolGauges.QUEUED)).isEqualTo(3);
      assertThat(PoolGauges.NETTY.read(group, PoolGauges.ACTIVE)).as("not told by Netty").isEqualTo(-1);
      assertThat(PoolGauges.NETTY.read(new Object(), PoolGauges.QUEUED)).as("not a group").isEqualTo(-1);
    } finally {
      release.countDown();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
