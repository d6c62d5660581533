package dev.vigil.agent.tracing;

import dev.vigil.agent.logging.AgentLog;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code OTEL_PROPAGATORS}: a comma-separated list, default {@code tracecontext,baggage}. */
public final class PropagatorConfig {
  public static final String DEFAULT = "tracecontext,baggage";

  private PropagatorConfig() {}

  /** The propagator names that are known, in order and once each; unknown names log one line and are skipped. */
  public static List<String> names(String value) {
    String v = value == null || value.trim().isEmpty() ? DEFAULT : value;
    Set<String> out = new LinkedHashSet<>();
    for (String part : v.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      switch (name) {
        case "tracecontext":
        case "baggage":
        case "b3":
        case "b3multi":
        case "jaeger":
        case "none":
          out.add(name);
          break;
        default:
          AgentLog.warn("config OTEL_PROPAGATORS entry " + name + " is not one of tracecontext, baggage, b3, b3multi,"
              + " jaeger, none; skipped");
      }
    }
    if (out.contains("none")) {
      return List.of();
    }
    return out.isEmpty() ? names(DEFAULT) : new ArrayList<>(out);
  }

  /** The composite propagator for {@link #names}. */
  public static TextMapPropagator parse(String value) {
    List<TextMapPropagator> list = new ArrayList<>();
    for (String name : names(value)) {
      list.add(of(name));
    }
    return TextMapPropagator.composite(list);
  }

  private static TextMapPropagator of(String name) {
    switch (name) {
      case "tracecontext":
        return W3CTraceContextPropagator.getInstance();
      case "baggage":
        return W3CBaggagePropagator.getInstance();
      case "b3":
        return B3Propagator.injectingSingleHeader();
      case "b3multi":
        return B3Propagator.injectingMultiHeaders();
      default:
        return JaegerPropagator.getInstance();
    }
  }
}
