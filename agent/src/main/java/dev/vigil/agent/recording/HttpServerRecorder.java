package dev.vigil.agent.recording;

import dev.vigil.agent.profiler.RouteTimeline;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.bootstrap.HttpServerHandler;
import dev.vigil.bootstrap.ServerCall;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records inbound HTTP requests into the endpoint registry. Each thread reuses one call object, so a synchronous
 * request allocates nothing once warm. In-flight counts go to the endpoint when it already exists, else to a per-method
 * pending counter until the route is final (so that a provisional route never creates an endpoint).
 */
public final class HttpServerRecorder implements HttpServerHandler {
  private final EndpointRegistry registry;
  private final ThreadLocal<Call> calls = new ThreadLocal<>();

  public HttpServerRecorder(EndpointRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ServerCall start(String method, String route) {
    Call call = calls.get();
    if (call == null || call.active) {
      call = new Call(this); // first request on this thread, or one still open (async): never share a live call
      calls.set(call);
    }
    call.begin(method, route);
    return call;
  }

  @Override
  public ServerCall current() {
    return currentCall();
  }

  /** The request being served on this thread, or null; with what other recorders key per-request state on. */
  Call currentCall() {
    Call call = calls.get();
    return call != null && call.active ? call : null;
  }

  static final class Call extends ServerCall {
    private final HttpServerRecorder recorder;
    private String method;
    private String route;
    private EndpointStats endpoint;
    private LongAdder pending;
    private long startNanos;
    private long sequence;
    volatile boolean active;

    Call(HttpServerRecorder recorder) {
      this.recorder = recorder;
    }

    /** Which request this reused object serves now: (call, sequence) is unique per request. */
    long sequence() {
      return sequence;
    }

    String route() {
      return route;
    }

    void begin(String method, String route) {
      sequence++;
      this.method = method;
      this.route = route == null ? "/" : route;
      this.startNanos = System.nanoTime();
      enter(recorder.registry.find(method, this.route));
      active = true;
    }

    private void enter(EndpointStats stats) {
      endpoint = stats;
      if (stats != null) {
        pending = null;
        stats.enter();
      } else {
        pending = recorder.registry.pendingInFlight(method);
        pending.increment();
      }
    }

    private void leave() {
      if (endpoint != null) {
        endpoint.leave();
      } else if (pending != null) {
        pending.decrement();
      }
    }

    @Override
    public void route(String template) {
      if (!active || template == null || template.equals(route)) {
        return;
      }
      leave();
      route = template;
      enter(recorder.registry.get(method, template));
    }

    @Override
    public void end(int status, Throwable error) {
      if (!active) {
        return;
      }
      active = false;
      long nanos = System.nanoTime() - startNanos;
      RouteTimeline.record(startNanos, startNanos + nanos, route); // per-endpoint profiles; no-op unless profiling
      leave();
      EndpointStats stats = endpoint != null ? endpoint : recorder.registry.get(method, route);
      int code = error != null || status <= 0 ? 500 : status;
      stats.complete(nanos, code, error == null ? null : error.getClass().getName());
      endpoint = null;
      pending = null;
    }
  }
}
