package dev.vigil.agent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.DbAdvice;
import java.sql.Connection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Connection.prepareStatement(sql, ...)} and {@code prepareCall(sql, ...)}: the statement the outermost call
 * returns (the pool's proxy, when there is a pool) is the one the application executes, so its SQL is remembered.
 */
public final class ConnectionInstrumentation implements TypeInstrumentation {
  private static final ElementMatcher.Junction<MethodDescription> PREPARE = namedOneOf("prepareStatement", "prepareCall")
      .and(isPublic())
      .and(takesArgument(0, named("java.lang.String")))
      .and(returns(namedOneOf("java.sql.PreparedStatement", "java.sql.CallableStatement")));

  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("prepareStatement", "prepareCall")
        .withDescriptorStartingWith("(Ljava/lang/String;");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(PREPARE).and(not(isInterface()))
        .and(hasSuperType(named("java.sql.Connection")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return PREPARE.and(not(isAbstract()));
  }

  @Override
  public String adviceClass() {
    return PrepareAdvice.class.getName();
  }

  public static final class PrepareAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
      DbAdvice.prepare();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.This Connection connection, @Advice.Argument(0) String sql,
        @Advice.Return Object statement, @Advice.Thrown Throwable error) {
      DbAdvice.prepared(connection, sql, statement, error);
    }
  }
}
