package dev.vigil.agent.recording;

import dev.vigil.agent.db.ExceptionText;
import dev.vigil.agent.signals.RpcRegistry;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.function.Function;

/**
 * SERVER and CLIENT spans of RPCs (OpenTelemetry RPC conventions): named by the fully qualified method
 * ({@code package.Service/Method}); a server span's parent is read from the request metadata.
 */
final class RpcSpans {
  static final SpanShape SHAPE = new SpanShape();
  static final int SYSTEM = SHAPE.text("rpc.system.name");
  static final int METHOD = SHAPE.text("rpc.method");
  static final int STATUS = SHAPE.text("rpc.response.status_code");
  static final int ERROR_TYPE = SHAPE.text("error.type");
  static final int SERVER_ADDRESS = SHAPE.text("server.address");
  static final int SERVER_PORT = SHAPE.number("server.port");

  private static final TextMapGetter<Function<String, String>> METADATA =
      new TextMapGetter<Function<String, String>>() {
        @Override
        public Iterable<String> keys(Function<String, String> metadata) {
          return Collections.emptyList();
        }

        @Override
        public String get(Function<String, String> metadata, String name) {
          return metadata == null || name == null ? null : metadata.apply(name);
        }
      };

  private RpcSpans() {}

  /** The context of a new SERVER span (parent from the metadata), or null while traces are off. */
  static Context server(Context current, String system, String method, Function<String, String> metadata) {
    if (!Tracing.enabled()) {
      return null;
    }
    Context parent = Tracing.propagators().getTextMapPropagator().extract(current, metadata, METADATA);
    VigilSpan span = Tracing.start(parent, SpanKind.SERVER, SHAPE, method, null);
    if (span == null) {
      return null;
    }
    describe(span, system, method);
    return parent.with(span);
  }

  /** A CLIENT span, child of {@code parent}, or null while traces are off. */
  static VigilSpan client(Context parent, String system, String method, String authority) {
    VigilSpan span = Tracing.start(parent, SpanKind.CLIENT, SHAPE, method, null);
    if (span != null && span.isRecording()) {
      describe(span, system, method);
      if (authority != null) {
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']');
        span.setText(SERVER_ADDRESS, hasPort ? authority.substring(0, colon) : authority);
        if (hasPort) {
          try {
            span.setNumber(SERVER_PORT, Integer.parseInt(authority.substring(colon + 1)));
          } catch (NumberFormatException e) {
            // no port then
          }
        }
      }
    }
    return span;
  }

  private static void describe(VigilSpan span, String system, String method) {
    if (span.isRecording()) {
      span.setText(SYSTEM, system);
      span.setText(METHOD, method);
    }
  }

  /** Ends the span with the call's status; {@code error} says whether that status is an error on this side. */
  static void end(VigilSpan span, int statusCode, boolean error, Throwable cause) {
    if (span.isRecording()) {
      String status = RpcRegistry.statusName(statusCode);
      span.setText(STATUS, status);
      if (error) {
        span.setStatus(StatusCode.ERROR);
        span.setText(ERROR_TYPE, status);
      }
      if (cause != null) {
        span.addEvent("exception", ExceptionText.event(cause)); // a database error bubbling up is masked
      }
    }
    span.end();
  }

  /**
   * Whether a server's status is an error: the server's own faults (UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED,
   * INTERNAL, UNAVAILABLE, DATA_LOSS), not the caller's (NOT_FOUND, INVALID_ARGUMENT...), as OpenTelemetry says.
   */
  static boolean serverError(int code) {
    switch (code) {
      case 2: case 4: case 12: case 13: case 14: case 15:
        return true;
      default:
        return false;
    }
  }
}
