package dev.vigil.agent.instrumentation.tomcat.request;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.instrumentation.container.ContainerEntryAdvice;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Tomcat's outermost entry for a request, {@code CoyoteAdapter.service(Request, Response)} (9 to 11): the request's span
 * stays current until it returns, so that {@code StandardWrapperValve}'s "Servlet.service() ... threw exception" line,
 * written after the servlet returned, carries the request's ids. Nothing is counted here (the servlet module counts).
 */
public final class TomcatRequestModule implements InstrumentationModule, TypeInstrumentation {
  static final String ADAPTER = "org.apache.catalina.connector.CoyoteAdapter";

  @Override
  public String name() {
    return "tomcat-request";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(ADAPTER);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(this);
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(ADAPTER);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("service").and(takesArguments(2));
  }

  @Override
  public String adviceClass() {
    return ContainerEntryAdvice.class.getName();
  }
}
