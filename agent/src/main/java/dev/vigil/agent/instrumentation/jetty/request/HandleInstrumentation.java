package dev.vigil.agent.instrumentation.jetty.request;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.instrumentation.container.ContainerEntryAdvice;
import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code handle} with {@code arguments} parameters on one Jetty class: {@code HttpChannel.handle()} of 9.4 and 10 (in
 * 12 HttpChannel is an interface, and nothing abstract is matched), {@code Server.handle(Request, Response, Callback)}
 * of 12 (in 9.4 and 10 {@code Server.handle(HttpChannel)} runs inside HttpChannel.handle and takes one argument).
 */
final class HandleInstrumentation implements TypeInstrumentation {
  static final String CHANNEL = "org.eclipse.jetty.server.HttpChannel";
  static final String SERVER = "org.eclipse.jetty.server.Server";
  private final String type;
  private final int arguments;

  HandleInstrumentation(String type, int arguments) {
    this.type = type;
    this.arguments = arguments;
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(type);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("handle").and(takesArguments(arguments)).and(not(isAbstract()));
  }

  @Override
  public String adviceClass() {
    return ContainerEntryAdvice.class.getName();
  }
}
