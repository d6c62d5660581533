package dev.vigil.agent.instrumentation.spring.webmvc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ServerCall;
import dev.vigil.bootstrap.ServletRoutes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code DispatcherServlet.getHandler(HttpServletRequest)} (Spring 6, 7): once it returns, the handler mapping has put
 * the best matching pattern ({@code /owners/{ownerId}}) in a request attribute; it becomes the current call's route.
 */
public final class GetHandlerInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.springframework.web.servlet.DispatcherServlet");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("getHandler").and(takesArguments(1))
        .and(takesArgument(0, named("jakarta.servlet.http.HttpServletRequest")));
  }

  @Override
  public String adviceClass() {
    return GetHandlerAdvice.class.getName();
  }

  public static final class GetHandlerAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpServletRequest request) {
      // only the request's own dispatch: an async or error dispatch may run on a thread serving another request
      ServerCall call = request.getDispatcherType() == DispatcherType.REQUEST ? Bridge.httpServer().current() : null;
      if (call != null) {
        call.route(ServletRoutes.spring(request.getContextPath(), request.getServletPath(), request.getPathInfo(),
            request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)));
      }
    }
  }
}
