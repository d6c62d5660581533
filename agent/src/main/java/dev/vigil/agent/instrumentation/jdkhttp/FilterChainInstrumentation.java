package dev.vigil.agent.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import com.sun.net.httpserver.HttpExchange;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.Routes;
import dev.vigil.bootstrap.ServerCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every exchange passes through {@code Filter.Chain.doFilter} (the server's own chain, then the user's filters, then
 * the handler): the outermost call is the request. The context's own path is a template; a path below it (or under the
 * default context {@code /}) has none and is normalized. A path no context matches never reaches a filter: the server
 * answers 404 itself and nothing is recorded.
 */
public final class FilterChainInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("com.sun.net.httpserver.Filter$Chain");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("doFilter").and(takesArguments(1));
  }

  @Override
  public String adviceClass() {
    return DoFilterAdvice.class.getName();
  }

  public static final class DoFilterAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ServerCall enter(@Advice.Argument(0) HttpExchange exchange) {
      if (CallDepth.enter(CallDepth.HTTP_SERVER) != 0) {
        return null;
      }
      String route = Routes.normalize(exchange.getRequestURI().getRawPath());
      return Bridge.httpServer().start(exchange.getRequestMethod(), route,
          route.equals(exchange.getHttpContext().getPath()), exchange);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpExchange exchange, @Advice.Enter ServerCall call,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.HTTP_SERVER) == 0 && call != null) {
        call.end(exchange.getResponseCode(), error);
      }
    }
  }
}
