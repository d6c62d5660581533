package dev.vigil.agent.instrumentation.hikaricp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/** {@code HikariPool.getConnection(timeout)} (every borrow goes through it): the wait for a connection. */
public final class PoolBorrowInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named(HikariCpModule.POOL);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("getConnection").and(takesArguments(long.class));
  }

  @Override
  public String adviceClass() {
    return BorrowAdvice.class.getName();
  }

  public static final class BorrowAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
      return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Object pool, @Advice.Enter long startNanos, @Advice.Thrown Throwable error) {
      Bridge.connectionPools().acquired(pool, startNanos, error);
    }
  }
}
