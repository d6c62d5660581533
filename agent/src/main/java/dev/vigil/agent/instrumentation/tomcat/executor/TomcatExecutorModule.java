package dev.vigil.agent.instrumentation.tomcat.executor;

import static net.bytebuddy.matcher.ElementMatchers.named;

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
 * Tomcat's worker pool ({@code org.apache.tomcat.util.threads.ThreadPoolExecutor}, 9 to 11, its own copy of the JDK's):
 * found on its first task, read on scrape (active, threads, max, queue, completed).
 */
public final class TomcatExecutorModule implements InstrumentationModule, TypeInstrumentation {
  static final String POOL = "org.apache.tomcat.util.threads.ThreadPoolExecutor";

  @Override
  public String name() {
    return "tomcat-executor";
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
    return named("execute");
  }

  @Override
  public String adviceClass() {
    return ExecuteAdvice.class.getName();
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object pool) {
      Bridge.executors().observe(pool, ExecutorHandler.KIND_TOMCAT);
    }
  }
}
