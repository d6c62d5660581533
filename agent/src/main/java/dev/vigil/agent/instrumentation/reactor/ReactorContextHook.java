package dev.vigil.agent.instrumentation.reactor;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;

/**
 * Registers (on {@code run()}) an operator hook that lifts each subscriber: where a subscription happens under a context
 * (the agent's: a span, baggage), the subscriber is wrapped so that the context is current while each of its signals
 * runs, on whatever thread delivers it; where there is none, the subscriber stays as it is (nothing allocated). Defined
 * in Reactor's class loader at run time: uses only Reactor, the bridge and {@code java.*}, static nested classes only.
 */
public final class ReactorContextHook implements Runnable {
  /** The hook's key: registering again replaces it rather than adding a second one. */
  static final String KEY = "dev.vigil.context";

  @Override
  public void run() {
    Lifter lifter = new Lifter();
    Hooks.onEachOperator(KEY, Operators.liftPublisher(lifter, lifter));
  }

  /**
   * Wraps a subscriber in the context current at its subscription, when there is one. Scalars (just, empty, error:
   * delivered at once, on the subscribing thread) are not lifted at all, so their assembly costs nothing more.
   */
  static final class Lifter implements Predicate<Publisher>,
      BiFunction<Publisher, CoreSubscriber<? super Object>, CoreSubscriber<? super Object>> {
    @Override
    public boolean test(Publisher publisher) {
      return !(publisher instanceof Fuseable.ScalarCallable);
    }

    @Override
    public CoreSubscriber<? super Object> apply(Publisher publisher, CoreSubscriber<? super Object> actual) {
      Object context = capture();
      return context == null ? actual : new ContextSubscriber<>(actual, context);
    }
  }

  /**
   * Makes the subscription's context current around each signal, downstream (onSubscribe, onNext, onError,
   * onComplete) and upstream (request, cancel); the bridge leaves the thread as it is when that context is current.
   * It is the downstream's Subscription, and a QueueSubscription as Reactor's fuseable operators expect of a fuseable
   * source's: fusion is negotiated with the upstream as if it were not there (a fused {@code poll} is passed through
   * without the context: it runs on the thread that drains, whose own context the executors carry).
   */
  static final class ContextSubscriber<T> implements CoreSubscriber<T>, Fuseable.QueueSubscription<T>, Scannable {
    private final CoreSubscriber<? super T> actual;
    private final Object context;
    private Subscription upstream;

    ContextSubscriber(CoreSubscriber<? super T> actual, Object context) {
      this.actual = actual;
      this.context = context;
    }

    @Override
    public reactor.util.context.Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
      upstream = s;
      Object token = attach(context);
      try {
        actual.onSubscribe(this);
      } finally {
        restore(token);
      }
    }

    @Override
    public void onNext(T value) {
      Object token = attach(context);
      try {
        actual.onNext(value);
      } finally {
        restore(token);
      }
    }

    @Override
    public void onError(Throwable error) {
      Object token = attach(context);
      try {
        actual.onError(error);
      } finally {
        restore(token);
      }
    }

    @Override
    public void onComplete() {
      Object token = attach(context);
      try {
        actual.onComplete();
      } finally {
        restore(token);
      }
    }

    @Override
    public void request(long n) {
      Object token = attach(context);
      try {
        upstream.request(n);
      } finally {
        restore(token);
      }
    }

    @Override
    public void cancel() {
      Object token = attach(context);
      try {
        upstream.cancel();
      } finally {
        restore(token);
      }
    }

    @Override
    public int requestFusion(int requestedMode) {
      return upstream instanceof Fuseable.QueueSubscription
          ? ((Fuseable.QueueSubscription<?>) upstream).requestFusion(requestedMode) : Fuseable.NONE;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T poll() {
      return ((Fuseable.QueueSubscription<T>) upstream).poll(); // only once fusion was granted
    }

    @Override
    public int size() {
      return ((Fuseable.QueueSubscription<?>) upstream).size();
    }

    @Override
    public boolean isEmpty() {
      return ((Fuseable.QueueSubscription<?>) upstream).isEmpty();
    }

    @Override
    public void clear() {
      if (upstream instanceof Fuseable.QueueSubscription) {
        ((Fuseable.QueueSubscription<?>) upstream).clear();
      }
    }

    @Override
    public Object scanUnsafe(Attr key) {
      if (key == Attr.PARENT) {
        return upstream;
      }
      if (key == Attr.ACTUAL) {
        return actual;
      }
      return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
    }
  }

  static Object capture() {
    try {
      return Bridge.context().capture();
    } catch (Throwable t) {
      AdviceErrors.report(t, "reactor subscribe");
      return null;
    }
  }

  /** An agent failure never stops a signal: it is then delivered without the context. */
  static Object attach(Object context) {
    try {
      return Bridge.context().attach(context);
    } catch (Throwable t) {
      AdviceErrors.report(t, "reactor signal");
      return null;
    }
  }

  static void restore(Object token) {
    if (token != null) {
      try {
        Bridge.context().restore(token);
      } catch (Throwable t) {
        AdviceErrors.report(t, "reactor signal");
      }
    }
  }
}
