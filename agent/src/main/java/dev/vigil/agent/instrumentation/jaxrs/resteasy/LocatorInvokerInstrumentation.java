package dev.vigil.agent.instrumentation.jaxrs.resteasy;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.JaxRsRoutes;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.jboss.resteasy.spi.HttpRequest;
import org.jboss.resteasy.spi.metadata.ResourceLocator;

/**
 * {@code ResourceLocatorInvoker.invokeOnTargetObject(HttpRequest, HttpResponse, Object)}: a sub-resource locator
 * matched. Its path, under the prefix of the locators before it (or the base path), is left in a request attribute
 * for the sub-resource's method: RESTEasy gives that method only its own part of the template.
 */
public final class LocatorInvokerInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.jboss.resteasy.core.ResourceLocatorInvoker");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("invokeOnTargetObject").and(takesArguments(3))
        .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")));
  }

  @Override
  public String adviceClass() {
    return LocateAdvice.class.getName();
  }

  public static final class LocateAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("method") ResourceLocator locator,
        @Advice.Argument(0) HttpRequest request) {
      if (Bridge.httpServer().current() != null) {
        Object prefix = request.getAttribute(JaxRsRoutes.LOCATOR_PREFIX);
        String outer = prefix != null ? prefix.toString() : request.getUri().getBaseUri().getRawPath();
        request.setAttribute(JaxRsRoutes.LOCATOR_PREFIX, JaxRsRoutes.route(outer, locator.getFullpath()));
      }
    }
  }
}
