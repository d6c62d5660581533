package dev.vigil.agent.instrumentation.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
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
 * Undertow's outermost entry for a request on a thread, {@code Connectors.executeRootHandler(HttpHandler,
 * HttpServerExchange)} (2.x; on the I/O thread and again on the worker a servlet request is dispatched to): the
 * request's span stays current until it returns, so that the "UT005023: Exception handling request" line, written after
 * the servlet returned, carries the request's ids. Nothing is counted here (the servlet module counts).
 */
public final class UndertowRequestModule implements InstrumentationModule, TypeInstrumentation {
  static final String CONNECTORS = "io.undertow.server.Connectors";

  @Override
  public String name() {
    return "undertow-request";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(CONNECTORS);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(this);
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(CONNECTORS);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("executeRootHandler").and(isStatic()).and(takesArguments(2));
  }

  @Override
  public String adviceClass() {
    return ContainerEntryAdvice.class.getName();
  }
}
