package dev.vigil.agent.instrumentation.dbcp2;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * {@code BasicDataSource}: {@code createDataSource()} builds the pool (lazily, at the first borrow) and registers it,
 * named by its JMX name when it has one; {@code getConnection()} is a timed borrow; {@code close()} drops it. The data
 * source is its own statistics object ({@code DataSourceMXBean}: active, idle, max total).
 */
public final class DataSourceInstrumentation {
  private DataSourceInstrumentation() {}

  /** {@code createDataSource()}. */
  public static final class Create implements TypeInstrumentation {
    @Override
    public ClassHint classHint() {
      return ClassHint.named(Dbcp2Module.DATA_SOURCE);
    }

    @Override
    public ElementMatcher<? super MethodDescription> methodMatcher() {
      return named("createDataSource").and(takesArguments(0));
    }

    @Override
    public String adviceClass() {
      return CreateAdvice.class.getName();
    }
  }

  public static final class CreateAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This BasicDataSource dataSource, @Advice.Thrown Throwable error) {
      if (error == null) {
        Bridge.connectionPools().started(dataSource, dataSource.getJmxName(), dataSource);
      }
    }
  }

  /** {@code getConnection()}. */
  public static final class Borrow implements TypeInstrumentation {
    @Override
    public ClassHint classHint() {
      return ClassHint.named(Dbcp2Module.DATA_SOURCE);
    }

    @Override
    public ElementMatcher<? super MethodDescription> methodMatcher() {
      return named("getConnection").and(takesArguments(0));
    }

    @Override
    public String adviceClass() {
      return BorrowAdvice.class.getName();
    }
  }

  public static final class BorrowAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
      return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Object dataSource, @Advice.Enter long startNanos,
        @Advice.Thrown Throwable error) {
      Bridge.connectionPools().acquired(dataSource, startNanos, error);
    }
  }

  /** {@code close()}. */
  public static final class Close implements TypeInstrumentation {
    @Override
    public ClassHint classHint() {
      return ClassHint.named(Dbcp2Module.DATA_SOURCE);
    }

    @Override
    public ElementMatcher<? super MethodDescription> methodMatcher() {
      return named("close").and(takesArguments(0));
    }

    @Override
    public String adviceClass() {
      return CloseAdvice.class.getName();
    }
  }

  public static final class CloseAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Object dataSource) {
      Bridge.connectionPools().closed(dataSource);
    }
  }
}
