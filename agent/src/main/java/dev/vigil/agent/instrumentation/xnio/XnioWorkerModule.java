package dev.vigil.agent.instrumentation.xnio;

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
 * The worker pool of XNIO 3 ({@code org.xnio.XnioWorker}), where Undertow (alone, in WildFly or in Spring Boot) runs
 * blocking requests: found on its first task, read on scrape through the worker's own MXBean.
 */
public final class XnioWorkerModule implements InstrumentationModule, TypeInstrumentation {
  static final String WORKER = "org.xnio.XnioWorker";

  @Override
  public String name() {
    return "xnio-worker";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(WORKER, "org.xnio.management.XnioWorkerMXBean");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(this);
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(WORKER);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("execute").and(takesArguments(1));
  }

  @Override
  public String adviceClass() {
    return ExecuteAdvice.class.getName();
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object worker) {
      Bridge.executors().observe(worker, ExecutorHandler.KIND_XNIO);
    }
  }
}
