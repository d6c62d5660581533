package dev.vigil.otelbridge;

import dev.vigil.bootstrap.Bridge;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * The application API's context storage under Vigil: the current context is Vigil's, so that {@code Context.current()},
 * {@code Span.current()} and {@code makeCurrent()} on either side are one and the same.
 */
public final class BridgeStorage implements ContextStorage {
  public static final BridgeStorage INSTANCE = new BridgeStorage();

  private BridgeStorage() {}

  @Override
  public Scope attach(Context toAttach) {
    AutoCloseable scope = Bridge.otelApi().attach(BridgeContext.vigilOf(toAttach));
    if (scope == null) {
      return Scope.noop();
    }
    return () -> {
      try {
        scope.close();
      } catch (Exception ignored) {
        // Vigil's scopes do not throw
      }
    };
  }

  @Override
  public Context current() {
    Object current = Bridge.otelApi().currentContext();
    return current == null ? null : new BridgeContext(current);
  }

  @Override
  public Context root() {
    Object root = Bridge.otelApi().rootContext();
    return root == null ? ContextStorage.super.root() : new BridgeContext(root);
  }
}
