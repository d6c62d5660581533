package dev.vigil.agent.instrumentation.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.tracing.OtelContextCarrier;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ContextCarrier;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/** The hook registered as the agent does, with the agent's context carrier, signals emitted from a bare thread. */
class ReactorContextHookTest {
  static final ContextKey<String> REQUEST = ContextKey.named("request");

  @BeforeEach
  void install() {
    Bridge.install(new OtelContextCarrier());
    new ReactorContextHook().run();
  }

  @AfterEach
  void reset() {
    Hooks.resetOnEachOperator(ReactorContextHook.KEY);
    Bridge.install((ContextCarrier) null);
  }

  @Test
  void signalsFromAnotherThreadRunInTheSubscribersContext() throws Exception {
    CompletableFuture<String> response = new CompletableFuture<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (Scope ignored = Context.root().with(REQUEST, "r1").makeCurrent()) {
      Mono.fromFuture(response).map(body -> body + ":" + Context.current().get(REQUEST))
          .flatMap(body -> Mono.fromCallable(() -> body + ":" + Context.current().get(REQUEST)))
          .doOnError(e -> seen.add("error:" + Context.current().get(REQUEST)))
          .doFinally(s -> done.countDown())
          .subscribe(seen::add);
    }
    Thread eventLoop = new Thread(() -> response.complete("body"));
    eventLoop.start();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).containsExactly("body:r1:r1");
    eventLoop.join(10_000);

    CompletableFuture<String> failing = new CompletableFuture<>();
    CountDownLatch failed = new CountDownLatch(1);
    try (Scope ignored = Context.root().with(REQUEST, "r2").makeCurrent()) {
      Mono.fromFuture(failing).doOnError(e -> seen.add("error:" + Context.current().get(REQUEST)))
          .subscribe(x -> {}, e -> failed.countDown());
    }
    new Thread(() -> failing.completeExceptionally(new IllegalStateException("x"))).start();
    assertThat(failed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).endsWith("error:r2");
    assertThat(Context.current()).as("the test thread keeps its own").isSameAs(Context.root());
  }

  @Test
  void requestAndCancelFromAnotherThreadRunInTheSubscribersContext() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Flux<Integer> source = Flux.range(1, 3)
        .doOnRequest(n -> seen.add("request:" + Context.current().get(REQUEST)))
        .doOnCancel(() -> seen.add("cancel:" + Context.current().get(REQUEST)));
    BaseSubscriber<Integer> subscriber = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {}
    };
    try (Scope ignored = Context.root().with(REQUEST, "r3").makeCurrent()) {
      source.map(i -> i).subscribe(subscriber);
    }
    Thread other = new Thread(() -> {
      subscriber.request(1);
      subscriber.cancel();
    });
    other.start();
    other.join(10_000);
    assertThat(seen).containsExactly("request:r3", "cancel:r3");
  }

  @Test
  void withoutAContextTheSubscriberIsNotWrapped() {
    Hooks.resetOnEachOperator(ReactorContextHook.KEY); // the lifter alone, on publishers as Reactor hands them to it
    ReactorContextHook.Lifter lifter = new ReactorContextHook.Lifter();
    CoreSubscriber<Object> subscriber = new BaseSubscriber<>() {};
    assertThat(lifter.apply(Mono.never(), subscriber)).isSameAs(subscriber);
    try (Scope ignored = Context.root().with(REQUEST, "r4").makeCurrent()) {
      assertThat(lifter.apply(Mono.never(), subscriber)).isInstanceOf(ReactorContextHook.ContextSubscriber.class);
    }
    assertThat(lifter.test(Mono.just(1))).as("a scalar is delivered at once").isFalse();
    assertThat(lifter.test(Mono.never())).isTrue();
    new ReactorContextHook().run();
    assertThat(Mono.just(1).getClass().getSimpleName()).as("not lifted").isEqualTo("MonoJust");
    assertThat(Mono.just(1).map(i -> i).getClass().getSimpleName()).contains("Lift");
  }

  @Test
  void hopsAcrossSchedulersNeverLoseASignal() {
    try (Scope ignored = Context.root().with(REQUEST, "r6").makeCurrent()) {
      for (int i = 0; i < 2000; i++) {
        int n = i;
        assertThat(Mono.fromCallable(() -> n).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
            .flatMap(x -> Mono.just(x + ":" + Context.current().get(REQUEST)))
            .publishOn(reactor.core.scheduler.Schedulers.parallel()).map(x -> x)
            .block(Duration.ofSeconds(5))).isEqualTo(n + ":r6");
      }
    }
  }

  @Test
  void fusedChainsStillWork() {
    try (Scope ignored = Context.root().with(REQUEST, "r5").makeCurrent()) {
      assertThat(Flux.range(1, 5).map(i -> i * 2).filter(i -> i > 2).reduce(Integer::sum)
          .block(Duration.ofSeconds(5))).isEqualTo(28);
      assertThat(Flux.range(1, 100).publishOn(reactor.core.scheduler.Schedulers.parallel()).map(i -> 1)
          .reduce(Integer::sum).block(Duration.ofSeconds(5))).isEqualTo(100);
    }
  }
}
