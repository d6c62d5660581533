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
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.DbAdvice;
import dev.vigil.bootstrap.DbCall;
import java.sql.Statement;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Statement.execute*}: the outermost call on a thread is the operation (a pool's proxy statement delegating to
 * the driver's, or a driver's executeQuery calling its own execute, count once). A class's hierarchy is resolved only
 * when it declares a method with a JDBC execute signature, so almost no class outside a driver or pool costs more than
 * reading its own method table.
 */
public final class StatementInstrumentation implements TypeInstrumentation {
  /** The JDBC signatures by name, argument and return type: read from the class's own file, nothing resolved. */
  static final ElementMatcher.Junction<MethodDescription> EXECUTE = namedOneOf(
      "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch")
      .and(isPublic())
      .and(takesArguments(0).or(takesArgument(0, named("java.lang.String"))))
      .and(returns(namedOneOf("boolean", "int", "long", "int[]", "long[]", "java.sql.ResultSet")));

  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch",
        "executeLargeBatch").withDescriptorStartingWith("()", "(Ljava/lang/String;");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return declaresMethod(EXECUTE).and(not(isInterface()))
        .and(hasSuperType(named("java.sql.Statement")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return EXECUTE.and(not(isAbstract()));
  }

  @Override
  public String adviceClass() {
    return ExecuteAdvice.class.getName();
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static DbCall enter(@Advice.This Statement statement, @Advice.Argument(value = 0, optional = true) String sql) {
      return DbAdvice.execute(statement, sql);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter DbCall call, @Advice.Thrown Throwable error) {
      DbAdvice.executed(call, error);
    }
  }
}
