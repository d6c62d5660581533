package dev.vigil.agent.instrumentation.hikaricp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HikariPool.shutdown()}: the pool's series go (its data source may keep the pool object reachable, so the weak
 * reference alone would not drop it).
 */
public final class PoolShutdownInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named(HikariCpModule.POOL);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("shutdown").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return ShutdownAdvice.class.getName();
  }

  public static final class ShutdownAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Object pool) {
      Bridge.connectionPools().closed(pool);
    }
  }
}
