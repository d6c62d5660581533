package dev.vigil.agent.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;

/** A link of a {@link VigilSpan} to another span, as given; encoded on the export thread. */
final class SpanLink {
  final SpanContext context;
  /** May be null. */
  final Attributes attributes;

  SpanLink(SpanContext context, Attributes attributes) {
    this.context = context;
    this.attributes = attributes;
  }
}
