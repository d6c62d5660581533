package dev.vigil.agent.tracing;

/**
 * The instrumentation scope of spans made through an application's own tracer ({@code getTracer(name, version)}),
 * encoded once as OTLP's {@code ScopeSpans.scope}. Spans without one are in Vigil's scope.
 */
public final class SpanScope {
  final byte[] encoded;

  public SpanScope(String name, String version) {
    ProtoBuffer b = new ProtoBuffer(64);
    int m = b.begin(1); // ScopeSpans.scope
    b.string(1, name == null ? "" : name, SpanEncoder.MAX_ATTRIBUTE_LENGTH);
    if (version != null && !version.isEmpty()) {
      b.string(2, version, SpanEncoder.MAX_ATTRIBUTE_LENGTH);
    }
    b.end(m);
    encoded = b.toByteArray();
  }
}
