package dev.vigil.agent.tracing;

import dev.vigil.bootstrap.ContextCarrier;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** Carries the OpenTelemetry context across thread hand-offs for executor instrumentations. */
public final class OtelContextCarrier implements ContextCarrier {
  @Override
  public Object capture() {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  @Override
  public Object attach(Object captured) {
    return captured instanceof Context ? ((Context) captured).makeCurrent() : null;
  }

  @Override
  public void restore(Object token) {
    if (token instanceof Scope) {
      ((Scope) token).close();
    }
  }
}
