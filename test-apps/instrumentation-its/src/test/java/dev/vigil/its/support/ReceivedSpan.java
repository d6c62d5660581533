package dev.vigil.its.support;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One span as the OTLP receiver decoded it: ids in lower-case hex, attributes as strings. */
public final class ReceivedSpan {
  public final String traceId;
  public final String spanId;
  /** Empty for a root span. */
  public final String parentSpanId;
  public final String name;
  public final Span.SpanKind kind;
  public final Map<String, String> attributes;
  public final Status.StatusCode status;
  public final List<Event> events;
  public final Map<String, String> resource;
  /** The instrumentation scope's name and version ("" when none). */
  public final String scope;
  public final String scopeVersion;
  public final long startEpochNanos;
  public final long endEpochNanos;
  public final String traceState;
  /** The links as decoded. */
  public final List<Span.Link> links;

  ReceivedSpan(Span s, Map<String, String> resource) {
    this(s, resource, InstrumentationScope.getDefaultInstance());
  }

  ReceivedSpan(Span s, Map<String, String> resource, InstrumentationScope scope) {
    HexFormat hex = HexFormat.of();
    traceId = hex.formatHex(s.getTraceId().toByteArray());
    spanId = hex.formatHex(s.getSpanId().toByteArray());
    parentSpanId = hex.formatHex(s.getParentSpanId().toByteArray());
    name = s.getName();
    kind = s.getKind();
    attributes = OtlpReceiver.attributes(s.getAttributesList());
    status = s.getStatus().getCode();
    events = s.getEventsList().stream().map(e -> new Event(e.getName(), OtlpReceiver.attributes(e.getAttributesList())))
        .collect(Collectors.toList());
    this.resource = resource;
    this.scope = scope.getName();
    this.scopeVersion = scope.getVersion();
    startEpochNanos = s.getStartTimeUnixNano();
    endEpochNanos = s.getEndTimeUnixNano();
    traceState = s.getTraceState();
    links = s.getLinksList();
  }

  /** A span event: its name and attributes. */
  public static final class Event {
    public final String name;
    public final Map<String, String> attributes;

    Event(String name, Map<String, String> attributes) {
      this.name = name;
      this.attributes = attributes;
    }

    @Override
    public String toString() {
      return name + attributes;
    }
  }

  @Override
  public String toString() {
    return kind + " " + name + " trace=" + traceId + " span=" + spanId + " parent=" + parentSpanId + " " + status + " "
        + attributes + " events=" + events;
  }
}
