package dev.vigil.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code ScheduledThreadPoolExecutor}: every execute, submit and schedule goes through its schedule methods, which
 * get the wrapper; the queue holds the executor's own futures, so cancel and remove work as before. A one-shot task's
 * queue wait counts from its due time; a periodic task's is not recorded. {@code schedule(Callable, ..)} gets a Callable
 * wrapper even for a task that is a Runnable too (Reactor's boundedElastic workers submit such tasks).
 */
final class ScheduledThreadPoolInstrumentation {
  static final String STPE = "java.util.concurrent.ScheduledThreadPoolExecutor";

  private ScheduledThreadPoolInstrumentation() {}

  static List<TypeInstrumentation> hooks() {
    return List.of(
        new Hook(ClassHint.named(STPE), named("schedule").and(takesArguments(3))
            .and(takesArgument(0, Runnable.class)), ScheduleAdvice.class),
        new Hook(ClassHint.named(STPE), named("schedule").and(takesArguments(3))
            .and(takesArgument(0, Callable.class)), ScheduleCallableAdvice.class),
        new Hook(ClassHint.named(STPE),
            namedOneOf("scheduleAtFixedRate", "scheduleWithFixedDelay").and(takesArguments(4)), PeriodicAdvice.class));
  }

  public static final class ScheduleAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task,
        @Advice.Argument(1) long delay, @Advice.Argument(2) TimeUnit unit) {
      task = Bridge.executors().wrap(pool, task, Math.max(0L, unit.toNanos(delay)));
    }
  }

  /** A task both Runnable and Callable (Reactor's) must get a wrapper of the parameter's type. */
  public static final class ScheduleCallableAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task,
        @Advice.Argument(1) long delay, @Advice.Argument(2) TimeUnit unit) {
      task = Bridge.executors().wrapCallable(pool, task, Math.max(0L, unit.toNanos(delay)));
    }
  }

  public static final class PeriodicAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task) {
      task = Bridge.executors().wrap(pool, task, -1L);
    }
  }
}
