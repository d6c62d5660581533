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
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.ServerCall;
import dev.vigil.bootstrap.ServletAsync;
import dev.vigil.bootstrap.ServletRoutes;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletMapping;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Servlet.service(ServletRequest, ServletResponse)} of every servlet class. With {@link FilterInstrumentation} the
 * outermost of the filters and the servlet is the request; forward, include, error and async dispatches are not. A
 * request that went async ends when the container completes it (an AsyncListener).
 */
public final class ServletInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("service")
        .withDescriptorStartingWith("(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;)");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(hasSuperType(named("javax.servlet.Servlet")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("service").and(isPublic()).and(takesArguments(2))
        .and(takesArgument(0, named("javax.servlet.ServletRequest")))
        .and(takesArgument(1, named("javax.servlet.ServletResponse")));
  }

  @Override
  public String adviceClass() {
    return ServiceAdvice.class.getName();
  }

  /** Also used for {@code Filter.doFilter}: both take the request and the response as their first two arguments. */
  public static final class ServiceAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ServerCall enter(@Advice.Argument(0) ServletRequest request) {
      if (CallDepth.enter(CallDepth.HTTP_SERVER) != 0 || request.getDispatcherType() != DispatcherType.REQUEST
          || !(request instanceof HttpServletRequest)) {
        return null;
      }
      HttpServletRequest http = (HttpServletRequest) request;
      // Servlet 3.1 (Jetty 9.4) lacks getHttpServletMapping(): never call it there
      HttpServletMapping mapping = http.getServletContext().getMajorVersion() >= 4 ? http.getHttpServletMapping() : null;
      Object match = mapping == null ? null : mapping.getMappingMatch();
      String pattern = mapping == null ? null : mapping.getPattern();
      return Bridge.httpServer().start(http.getMethod(),
          ServletRoutes.route(http.getContextPath(), match, pattern, http.getServletPath(), http.getPathInfo()),
          ServletRoutes.isTemplate(match, pattern), http);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(0) ServletRequest request, @Advice.Argument(1) ServletResponse response,
        @Advice.Enter ServerCall call, @Advice.Thrown Throwable thrown) {
      if (CallDepth.exit(CallDepth.HTTP_SERVER) == 0 && call != null) {
        call.leaveThread(); // an async request ends on another thread: nothing stays current on this one
        // frameworks (Spring) wrap the application's exception in a ServletException: record the application's
        Throwable error = thrown instanceof ServletException && ((ServletException) thrown).getRootCause() != null
            ? ((ServletException) thrown).getRootCause() : thrown;
        if (error != null || !request.isAsyncStarted()
            || !ServletAsync.endOnComplete(AsyncListener.class, call, request, response)) {
          call.end(((HttpServletResponse) response).getStatus(), error);
        }
      }
    }
  }
}
