package dev.vigil.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ExecutorHandler;
import java.util.List;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * {@code ForkJoinPool} (common pool, parallel streams, CompletableFuture's async stages) and the thread-per-task
 * executors (virtual threads on 21+, CompletableFuture's fallback on one-core pools): Runnables and Callables are
 * wrapped; ForkJoinTasks, which must stay themselves, carry their context from fork or submit to {@code doExec}.
 */
final class ForkJoinInstrumentation {
  static final String FJP = "java.util.concurrent.ForkJoinPool";
  static final String FJT = "java.util.concurrent.ForkJoinTask";

  private ForkJoinInstrumentation() {}

  static List<TypeInstrumentation> hooks() {
    return List.of(
        new Hook(ClassHint.named(FJP), named("execute").and(takesArguments(Runnable.class)), WrapAdvice.class),
        new Hook(ClassHint.named(FJP),
            named("submit").and(takesArgument(0, Runnable.class).or(takesArguments(Callable.class))),
            SubmitAdvice.class),
        new Hook(ClassHint.named(FJP), namedOneOf("execute", "submit", "invoke", "externalSubmit", "lazySubmit")
            .and(takesArguments(1)).and(takesArgument(0, named(FJT))), ForkedArgumentAdvice.class),
        new Hook(ClassHint.named(FJT), named("fork").and(takesArguments(0)), ForkAdvice.class),
        new Hook(ClassHint.named(FJT), named("doExec").and(takesArguments(0)), ExecAdvice.class),
        new Hook(ClassHint.named("java.util.concurrent.ThreadPerTaskExecutor",
                "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor"),
            named("execute").and(takesArguments(Runnable.class)).or(named("submit").and(takesArguments(Callable.class))),
            WrapAdvice.class));
  }

  public static final class WrapAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task) {
      task = Bridge.executors().wrap(pool, task, 0L);
    }
  }

  /** submit returns the task itself when it is a ForkJoinTask: those keep their identity. */
  public static final class SubmitAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool,
        @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object task) {
      task = Bridge.executors().wrap(pool, task, ExecutorHandler.KEEP_FORK_JOIN_TASK);
    }
  }

  public static final class ForkedArgumentAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object task) {
      Bridge.executors().forked(task);
    }
  }

  public static final class ForkAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object task) {
      Bridge.executors().forked(task);
    }
  }

  public static final class ExecAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object task) {
      return Bridge.executors().beforeExec(task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      if (token != null) {
        Bridge.context().restore(token);
      }
    }
  }
}
