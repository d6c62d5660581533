package dev.vigil.agent.instrumentation.jetty.threadpool;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ExecutorHandler;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * Jetty's worker pool ({@code QueuedThreadPool}, 9.4 to 12): found on its first task, then read on scrape (busy,
 * threads, max, queue). Tasks are not wrapped: Jetty inspects them (Invocable) to choose how to run them.
 */
public final class JettyThreadPoolModule implements InstrumentationModule, TypeInstrumentation {
  static final String POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool";

  @Override
  public String name() {
    return "jetty-threadpool";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(POOL);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(this);
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(POOL);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("execute").and(takesArguments(Runnable.class));
  }

  @Override
  public String adviceClass() {
    return ExecuteAdvice.class.getName();
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool) {
      Bridge.executors().observe(pool, ExecutorHandler.KIND_JETTY);
    }
  }
}
