package dev.vigil.agent.instrumentation.servlet.javax;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)}: a filter in front of the servlet is the
 * outermost call, so a request it rejects (401 without calling the chain) is counted too.
 */
public final class FilterInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("doFilter").withDescriptorStartingWith(
        "(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;Ljavax/servlet/FilterChain;)");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(hasSuperType(named("javax.servlet.Filter")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("doFilter").and(isPublic()).and(takesArguments(3))
        .and(takesArgument(0, named("javax.servlet.ServletRequest")))
        .and(takesArgument(1, named("javax.servlet.ServletResponse")))
        .and(takesArgument(2, named("javax.servlet.FilterChain")));
  }

  @Override
  public String adviceClass() {
    return ServletInstrumentation.ServiceAdvice.class.getName();
  }
}
