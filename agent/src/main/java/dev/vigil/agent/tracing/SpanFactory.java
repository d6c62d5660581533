package dev.vigil.agent.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link VigilSpan}s: the parent from the context (a Vigil span's longs as they are, another span context's
 * hex ids parsed), new random ids, the sampling decision, and the clock: epoch time is {@link System#nanoTime()}
 * plus an offset read from the wall clock at most once a minute, and a child keeps its local parent's offset, so
 * spans of one trace never disagree by a clock step.
 */
public final class SpanFactory {
  private static final long REANCHOR_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final TraceSampler sampler;
  private final ExportProcessor sink;
  private volatile Anchor anchor = new Anchor();

  SpanFactory(TraceSampler sampler, ExportProcessor sink) {
    this.sampler = sampler;
    this.sink = sink;
  }

  /**
   * A span named {@code name} (or {@code name + " " + nameSuffix}), child of the span in {@code parent} if any.
   * {@code leaf}: a span no other span will be a child of (a statement, a command): when not sampled, none is made.
   */
  VigilSpan start(Context parent, SpanKind kind, SpanShape shape, String name, String nameSuffix, boolean leaf) {
    long now = System.nanoTime();
    Span p = Span.fromContextOrNull(parent);
    long high;
    long low;
    long parentId = 0;
    boolean remote = false;
    boolean parentSampled = false;
    TraceState state = TraceState.getDefault();
    long offset;
    if (p instanceof VigilSpan) {
      VigilSpan v = (VigilSpan) p;
      high = v.traceIdHigh;
      low = v.traceIdLow;
      parentId = v.spanId;
      parentSampled = v.isSampled();
      state = v.traceState;
      offset = v.epochOffset;
    } else {
      offset = offset(now);
      SpanContext c = p == null ? null : p.getSpanContext();
      if (c != null && c.isValid()) {
        String traceId = c.getTraceId();
        high = SpanIds.parse(traceId, 0);
        low = SpanIds.parse(traceId, 16);
        parentId = SpanIds.parse(c.getSpanId(), 0);
        remote = c.isRemote();
        parentSampled = c.isSampled();
        state = c.getTraceState();
      } else {
        high = SpanIds.random();
        low = SpanIds.random();
      }
    }
    boolean sampled = sampler.sample(parentId != 0, parentSampled, low);
    if (leaf && !sampled) {
      return null;
    }
    VigilSpan span = new VigilSpan(high, low, SpanIds.random(), parentId, remote, sampled, state, kind, shape, offset,
        now, sink);
    span.name = name;
    span.nameSuffix = nameSuffix;
    return span;
  }

  private long offset(long now) {
    Anchor a = anchor;
    if (now - a.nanoTime > REANCHOR_NANOS) {
      a = new Anchor();
      anchor = a;
    }
    return a.offset;
  }

  /** The wall clock against {@link System#nanoTime()} at one moment. */
  private static final class Anchor {
    final long nanoTime;
    final long offset;

    Anchor() {
      Instant wall = Instant.now();
      nanoTime = System.nanoTime();
      offset = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - nanoTime;
    }
  }
}
