package dev.vigil.agent.instrumentation.hikaricp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.zaxxer.hikari.HikariConfig;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/** {@code new HikariPool(config)}: a pool starts; it registers with its name and configuration. */
public final class PoolStartInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named(HikariCpModule.POOL);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isConstructor().and(takesArguments(1));
  }

  @Override
  public String adviceClass() {
    return StartConstructorAdvice.class.getName();
  }

  public static final class StartConstructorAdvice {
    // No onThrowable: ByteBuddy cannot catch around a constructor. A constructor that throws built no pool.
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object pool, @Advice.Argument(0) HikariConfig config) {
      Bridge.connectionPools().started(pool, config.getPoolName(), config);
    }
  }
}
