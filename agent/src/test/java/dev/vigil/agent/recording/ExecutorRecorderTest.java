package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ExecutorStats;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ContextCarrier;
import dev.vigil.bootstrap.ContextRunnable;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorRecorderTest {
  private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

  @AfterEach
  void resetBridge() {
    Bridge.install((ContextCarrier) null);
  }

  @Test
  void wrapperCarriesTheContextAndLeavesTheThreadAsItWas() throws Exception {
    Bridge.install(new TestCarrier());
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ThreadPoolExecutor pool = pool("orders-");
    List<Object> seen = new ArrayList<>();
    CURRENT.set("ctx-1");
    Runnable wrapped = (Runnable) recorder.wrap(pool, (Runnable) () -> seen.add(CURRENT.get()), 0L);
    CURRENT.set("other");
    wrapped.run();
    assertThat(seen).containsExactly("ctx-1");
    assertThat(CURRENT.get()).as("restored").isEqualTo("other");
    ExecutorStats stats = only(recorder);
    assertThat(stats.name()).isEqualTo("orders");
    assertThat(stats.runTime().count()).isEqualTo(1);
    assertThat(stats.queueWait().count()).isEqualTo(1);
    CURRENT.remove();
    pool.shutdown();
  }

  /** Reactor's boundedElastic submits tasks that are Runnable and Callable to ScheduledThreadPoolExecutor's schedule(Callable). */
  @Test
  void aTaskBothRunnableAndCallableGetsACallableWrapperWhereACallableIsExpected() throws Exception {
    Bridge.install(new TestCarrier());
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
    List<Object> seen = new ArrayList<>();
    class Both implements Runnable, Callable<Object> {
      @Override
      public void run() {
        seen.add(CURRENT.get());
      }

      @Override
      public Object call() {
        run();
        return null;
      }
    }
    CURRENT.set("ctx-2");
    Object wrapped = recorder.wrapCallable(pool, new Both(), 0L);
    CURRENT.set("other");
    assertThat(wrapped).isInstanceOf(Callable.class);
    ((Callable<?>) wrapped).call();
    assertThat(seen).containsExactly("ctx-2");
    CURRENT.remove();
    pool.shutdown();
  }

  @Test
  void noContextAndNoPoolMeansNoWrapper() {
    Runnable task = () -> {};
    assertThat(new ExecutorRecorder(10).wrap(new Object(), task, 0L)).isSameAs(task);
  }

  @Test
  void periodicTasksRecordRunTimeButNoQueueWait() {
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ThreadPoolExecutor pool = pool("tick-");
    ((Runnable) recorder.wrap(pool, (Runnable) () -> {}, -1L)).run();
    assertThat(only(recorder).runTime().count()).isEqualTo(1);
    assertThat(only(recorder).queueWait().count()).isZero();
    pool.shutdown();
  }

  @Test
  void submittedFuturesStayFuturesAndCallablesAreWrapped() throws Exception {
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ThreadPoolExecutor pool = pool("calls-");
    FutureTask<String> task = new FutureTask<>(() -> "x");
    Object wrapped = recorder.wrap(pool, task, 0L);
    assertThat(wrapped).isInstanceOf(Future.class).isNotSameAs(task);
    ((Future<?>) wrapped).cancel(false);
    assertThat(task.isCancelled()).isTrue();
    @SuppressWarnings("unchecked")
    Callable<String> call = (Callable<String>) recorder.wrap(pool, (Callable<String>) () -> "y", 0L);
    assertThat(call.call()).isEqualTo("y");
    assertThat(only(recorder).runTime().count()).isEqualTo(1);
    pool.shutdown();
  }

  @Test
  void queuedWrapperIsFoundForRemovalAndUnwrappedForShutdownNow() {
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ThreadPoolExecutor pool = pool("rm-");
    Runnable task = () -> {};
    Runnable wrapped = (Runnable) recorder.wrap(pool, task, 0L);
    LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(List.of(wrapped));
    assertThat(ContextRunnable.queued(queue, task)).isSameAs(wrapped);
    assertThat(queue.remove(ContextRunnable.queued(queue, task))).isTrue();
    List<Runnable> drained = new ArrayList<>(List.of(wrapped));
    ContextRunnable.unwrapAll(drained);
    assertThat(drained).containsExactly(task);
    assertThat(ContextRunnable.unwrap(wrapped)).isSameAs(task);
    pool.shutdown();
  }

  @Test
  void poolsPastTheCapShareOtherAndRejectionsAreCounted() {
    ExecutorRecorder recorder = new ExecutorRecorder(2);
    List<ThreadPoolExecutor> pools = List.of(pool("a-"), pool("b-"), pool("c-"), pool("d-"));
    for (ThreadPoolExecutor p : pools) {
      recorder.rejected(p);
    }
    List<String> names = new ArrayList<>();
    long rejected = 0;
    for (ExecutorStats s : recorder.pools()) {
      names.add(s.name());
      rejected += s.rejected();
    }
    assertThat(names).containsExactly("a", "b", ExecutorRecorder.OTHER);
    assertThat(rejected).isEqualTo(4);
    pools.forEach(ThreadPoolExecutor::shutdown);
  }

  @Test
  void aCollectedPoolDisappears() throws Exception {
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ThreadPoolExecutor pool = pool("gone-");
    recorder.created(pool);
    assertThat(recorder.pools()).hasSize(1);
    WeakReference<Object> ref = new WeakReference<>(pool);
    pool = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).isNull();
    assertThat(recorder.pools()).isEmpty();
  }

  @Test
  void aLambdaFactoryIsNamedByTheStringItCaptured() {
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        lambdaFactory("shop-worker-"));
    recorder.created(pool);
    assertThat(only(recorder).name()).isEqualTo("shop-worker");
    pool.shutdown();
  }

  private static ThreadFactory lambdaFactory(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> new Thread(r, prefix + n.incrementAndGet());
  }

  @Test
  void aScheduledPoolsWaitingWorkIsItsDueTasksOnly() throws Exception {
    ExecutorRecorder recorder = new ExecutorRecorder(10);
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, new Prefixed("housekeeper-"));
    recorder.created(pool);
    pool.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.HOURS);
    pool.schedule(() -> {}, 1, TimeUnit.HOURS);
    assertThat(only(recorder).queueDepth()).as("tasks due in an hour are no backlog").isZero();

    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> {
      started.countDown();
      await(release);
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    pool.execute(() -> {});
    pool.execute(() -> {});
    pool.schedule(() -> {}, 0, TimeUnit.SECONDS).cancel(false);
    assertThat(only(recorder).queueDepth()).as("two due tasks behind the busy thread; the cancelled one left out")
        .isEqualTo(2);
    release.countDown();
    pool.shutdownNow();
  }

  @Test
  void poolsADriverOrConnectionPoolBuildsForItselfAreHousekeeping() {
    assertThat(ExecutorNames.housekeeping(List.of("java.util.concurrent.Executors.newSingleThreadExecutor",
        "com.mysql.cj.jdbc.AbandonedConnectionCleanupThread.<clinit>", "com.example.App.main"))).isTrue();
    assertThat(ExecutorNames.housekeeping(List.of("java.util.concurrent.ScheduledThreadPoolExecutor.<init>",
        "com.zaxxer.hikari.pool.HikariPool.<init>", "com.zaxxer.hikari.HikariDataSource.<init>"))).isTrue();
    assertThat(ExecutorNames.housekeeping(List.of("java.util.concurrent.Executors.newFixedThreadPool",
        "com.example.Orders.<init>", "com.mysql.cj.jdbc.ConnectionImpl.execSQL"))).as("the application's pool")
        .isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void namesDropCountersAndNeverUseTheJdksNumbering() {
    assertThat(ExecutorNames.clean("orders-worker-")).isEqualTo("orders-worker");
    assertThat(ExecutorNames.clean("orders-%d")).isEqualTo("orders");
    assertThat(ExecutorNames.clean("http-nio-8080-exec-")).isEqualTo("http-nio-8080-exec");
    assertThat(ExecutorNames.clean("pool-3-thread-")).isNull();
    assertThat(ExecutorNames.clean("ForkJoinPool-2-worker-")).isNull();
    assertThat(ExecutorNames.clean("qtp1234567")).isNull();
    assertThat(ExecutorNames.clean("")).isNull();
  }

  private static ExecutorStats only(ExecutorRecorder recorder) {
    assertThat(recorder.pools()).hasSize(1);
    return recorder.pools().get(0);
  }

  private static ThreadPoolExecutor pool(String prefix) {
    return new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new Prefixed(prefix));
  }

  static final class Prefixed implements ThreadFactory {
    private final String threadNamePrefix;

    Prefixed(String threadNamePrefix) {
      this.threadNamePrefix = threadNamePrefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      return new Thread(r, threadNamePrefix + "1");
    }
  }

  static final class TestCarrier implements ContextCarrier {
    @Override
    public Object capture() {
      return CURRENT.get();
    }

    @Override
    public Object attach(Object captured) {
      Object[] token = {CURRENT.get()};
      CURRENT.set(captured);
      return token;
    }

    @Override
    public void restore(Object token) {
      CURRENT.set(((Object[]) token)[0]);
    }
  }
}
