package dev.vigil.agent.instrumentation.jaxrs.resteasy;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.JaxRsRoutes;
import dev.vigil.bootstrap.ServerCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.jboss.resteasy.spi.HttpRequest;
import org.jboss.resteasy.spi.metadata.ResourceMethod;

/**
 * {@code ResourceMethodInvoker.invoke(HttpRequest, HttpResponse, Object target)}: RESTEasy has matched the request to
 * a resource method and is about to call it on its target. The method's full path ({@code /owners/{id}}), under the
 * application's base path, becomes the current call's route. A method of a sub-resource knows only its own part: it
 * goes under the prefix the locators on the way left in the request ({@link LocatorInvokerInstrumentation}).
 */
public final class ResourceMethodInvokerInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.jboss.resteasy.core.ResourceMethodInvoker");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("invoke").and(not(isBridge())).and(takesArguments(3))
        .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")));
  }

  @Override
  public String adviceClass() {
    return InvokeAdvice.class.getName();
  }

  public static final class InvokeAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("method") ResourceMethod method,
        @Advice.Argument(0) HttpRequest request) {
      ServerCall call = Bridge.httpServer().current();
      if (call != null) {
        Object prefix = request.getAttribute(JaxRsRoutes.LOCATOR_PREFIX);
        String outer = prefix != null ? prefix.toString() : request.getUri().getBaseUri().getRawPath();
        call.route(JaxRsRoutes.route(outer, method.getFullpath()));
      }
    }
  }
}
