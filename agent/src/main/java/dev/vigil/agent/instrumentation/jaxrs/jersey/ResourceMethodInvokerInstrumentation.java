package dev.vigil.agent.instrumentation.jaxrs.jersey;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.JaxRsRoutes;
import dev.vigil.bootstrap.ServerCall;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.internal.process.RequestProcessingContext;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * {@code ResourceMethodInvoker.apply(RequestProcessingContext)}: Jersey has matched the request to a resource method
 * and is about to invoke it; the templates it matched ({@code /owners}, {@code /{id}}, last match first), under the
 * application's base path, become the current call's route. A sub-resource locator adds its own template to the list.
 */
public final class ResourceMethodInvokerInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("org.glassfish.jersey.server.model.ResourceMethodInvoker");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("apply").and(takesArguments(1))
        .and(takesArgument(0, named("org.glassfish.jersey.server.internal.process.RequestProcessingContext")));
  }

  @Override
  public String adviceClass() {
    return ApplyAdvice.class.getName();
  }

  public static final class ApplyAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) RequestProcessingContext context) {
      ServerCall call = Bridge.httpServer().current();
      if (call != null) {
        ContainerRequest request = context.request();
        List<UriTemplate> matched = request.getUriInfo().getMatchedTemplates();
        String[] templates = new String[matched.size()];
        for (int i = 0; i < templates.length; i++) {
          templates[templates.length - 1 - i] = matched.get(i).getTemplate();
        }
        call.route(JaxRsRoutes.route(request.getBaseUri().getRawPath(), templates));
      }
    }
  }
}
