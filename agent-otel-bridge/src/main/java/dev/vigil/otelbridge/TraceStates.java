package dev.vigil.otelbridge;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;

/** A {@code TraceState} in its W3C {@code tracestate} form ({@code k=v,k2=v2}) and back: how it crosses to Vigil. */
final class TraceStates {
  private TraceStates() {}

  static String format(TraceState state) {
    if (state == null || state.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    state.forEach((key, value) -> (s.length() == 0 ? s : s.append(',')).append(key).append('=').append(value));
    return s.toString();
  }

  /** Entries the builder refuses (bad keys or values) are left out, as the API's own propagator does. */
  static TraceState parse(String w3c) {
    if (w3c == null || w3c.isEmpty()) {
      return TraceState.getDefault();
    }
    TraceStateBuilder b = TraceState.builder();
    String[] members = w3c.split(",");
    for (int i = members.length - 1; i >= 0; i--) { // the builder puts each new entry first
      int eq = members[i].indexOf('=');
      if (eq > 0) {
        b.put(members[i].substring(0, eq).trim(), members[i].substring(eq + 1).trim());
      }
    }
    return b.build();
  }
}
