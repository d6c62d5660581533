package dev.vigil.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ContextRunnable;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/**
 * {@code ThreadPoolExecutor}: execute queues a wrapper (context + due time); reject, remove, shutdownNow and the
 * beforeExecute/afterExecute overrides of subclasses see the application's own task again. The constructor names the
 * pool after its creator.
 */
final class ThreadPoolExecutorInstrumentation {
  static final String TPE = "java.util.concurrent.ThreadPoolExecutor";

  private ThreadPoolExecutorInstrumentation() {}

  static List<TypeInstrumentation> hooks() {
    return List.of(
        new Hook(ClassHint.named(TPE), named("execute").and(takesArguments(Runnable.class)), ExecuteAdvice.class),
        new Hook(ClassHint.named(TPE), named("reject").and(takesArguments(Runnable.class)), RejectAdvice.class),
        new Hook(ClassHint.named(TPE), named("remove").and(takesArguments(Runnable.class)), RemoveAdvice.class),
        new Hook(ClassHint.named(TPE), named("shutdownNow").and(takesArguments(0)), ShutdownNowAdvice.class),
        new Hook(ClassHint.named(TPE), isConstructor().and(takesArguments(7)), CreatedConstructorAdvice.class),
        // Subclasses' hooks get the application's task, not the wrapper (declaresMethod first: cheap, from the class file).
        new Hook(ClassHint.declaresMethod("beforeExecute")
                .withDescriptorStartingWith("(Ljava/lang/Thread;Ljava/lang/Runnable;)"),
            declaresMethod(named("beforeExecute")).and(not(named(TPE))).and(hasSuperType(named(TPE))),
            named("beforeExecute").and(takesArguments(2)).and(takesArgument(1, Runnable.class)),
            UnwrapSecondAdvice.class),
        new Hook(ClassHint.declaresMethod("afterExecute").withDescriptorStartingWith("(Ljava/lang/Runnable;"),
            declaresMethod(named("afterExecute")).and(not(named(TPE))).and(hasSuperType(named(TPE))),
            named("afterExecute").and(takesArguments(2)).and(takesArgument(0, Runnable.class)),
            UnwrapFirstAdvice.class));
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = (Runnable) Bridge.executors().wrap(pool, task, 0L);
    }
  }

  public static final class RejectAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool, @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      Bridge.executors().rejected(pool);
      task = ContextRunnable.unwrap(task);
    }
  }

  public static final class RemoveAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ThreadPoolExecutor pool,
        @Advice.Argument(value = 0, readOnly = false) Runnable task) {
      if (!(pool instanceof ScheduledThreadPoolExecutor)) { // its queue holds its own futures, never wrappers
        task = ContextRunnable.queued(pool.getQueue(), task);
      }
    }
  }

  public static final class ShutdownNowAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Return List<Runnable> tasks) {
      ContextRunnable.unwrapAll(tasks);
    }
  }

  public static final class CreatedConstructorAdvice {
    // No onThrowable: ByteBuddy cannot catch around a constructor.
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object pool) {
      Bridge.executors().created(pool);
    }
  }

  public static final class UnwrapFirstAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
      task = ContextRunnable.unwrap(task);
    }
  }

  public static final class UnwrapSecondAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 1, readOnly = false) Runnable task) {
      task = ContextRunnable.unwrap(task);
    }
  }
}
