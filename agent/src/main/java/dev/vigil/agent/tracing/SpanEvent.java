package dev.vigil.agent.tracing;

import io.opentelemetry.api.common.Attributes;

/** An event of a {@link VigilSpan}; an exception's type, message and stack trace are rendered on the export thread. */
final class SpanEvent {
  final String name;
  final long epochNanos;
  /** May be null. */
  final Attributes attributes;
  /** The recorded exception, or null. */
  final Throwable exception;

  SpanEvent(String name, long epochNanos, Attributes attributes, Throwable exception) {
    this.name = name;
    this.epochNanos = epochNanos;
    this.attributes = attributes;
    this.exception = exception;
  }
}
