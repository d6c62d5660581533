package dev.vigil.agent.otelapi;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.tracing.SpanScope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scopes of the application's tracers, one per name and version; at most {@link #MAX}, then Vigil's scope. */
final class TracerScopes {
  static final int MAX = 100;

  private final Map<String, SpanScope> scopes = new ConcurrentHashMap<>();

  /** The scope, or null past the cap. */
  SpanScope get(String name, String version) {
    String n = name == null ? "" : name;
    String v = version == null ? "" : version;
    String id = n + "\n" + v;
    SpanScope s = scopes.get(id);
    if (s == null) {
      if (scopes.size() >= MAX) {
        AgentLog.once(AgentLog.Level.WARN, "otel-api-scopes", "the application made tracers of more than " + MAX
            + " scopes; the spans of the others are in Vigil's scope", null);
        return null;
      }
      s = scopes.computeIfAbsent(id, x -> new SpanScope(n, v));
    }
    return s;
  }
}
