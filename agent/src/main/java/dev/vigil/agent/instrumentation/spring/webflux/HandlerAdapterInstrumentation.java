package dev.vigil.agent.instrumentation.spring.webflux;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.Routes;
import dev.vigil.bootstrap.ServerCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code HandlerAdapter.handle(exchange, handler)} of annotated controllers ({@code RequestMappingHandlerAdapter}) and
 * functional routes ({@code HandlerFunctionAdapter}): by then the handler mapping has put the matched
 * {@code PathPattern} ({@code /owners/{id}}) in the exchange's attributes; it becomes the current call's route, below
 * the application's base path. A request no mapping matched never gets here: it keeps its unmatched route.
 */
public final class HandlerAdapterInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter",
        "org.springframework.web.reactive.function.server.support.HandlerFunctionAdapter");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("handle").and(takesArguments(2))
        .and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange")));
  }

  @Override
  public String adviceClass() {
    return HandleAdvice.class.getName();
  }

  public static final class HandleAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ServerWebExchange exchange) {
      Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      ServerCall call = pattern == null ? null : Bridge.httpServer().current();
      if (call != null) {
        call.route(Routes.join(exchange.getRequest().getPath().contextPath().value(), pattern.toString()));
      }
    }
  }
}
