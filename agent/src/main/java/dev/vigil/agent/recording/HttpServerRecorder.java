package dev.vigil.agent.recording;

import dev.vigil.agent.profiler.RouteTimeline;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.agent.signals.RouteDependencies;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.HttpServerHandler;
import dev.vigil.bootstrap.ServerCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records inbound HTTP requests into the endpoint registry. Each thread reuses one call object, so a synchronous
 * request allocates nothing once warm. In-flight counts go to the endpoint when it already exists, else to a per-method
 * pending counter until the route is final (so that a provisional route never creates an endpoint). A request whose
 * route was made from its path (no framework template) and that ends in 404 or 405 matched no route (a default servlet
 * or a handler below a JDK context answers a scanner's paths so): it is counted under
 * {@link EndpointRegistry#UNMATCHED_ROUTE}, so that a scanner's paths never become series.
 */
public final class HttpServerRecorder implements HttpServerHandler {
  private final EndpointRegistry registry;
  private final ThreadLocal<Call> calls = new ThreadLocal<>();

  public HttpServerRecorder(EndpointRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ServerCall start(String method, String route, boolean template, Object request) {
    Call call = calls.get();
    if (call != null && !call.active) {
      call.closeScope(); // a scope an ended request left for its container: that request is over on this thread
    }
    if (call == null || call.active) {
      call = new Call(this); // first request on this thread, or one still open (async): never share a live call
      calls.set(call);
    }
    call.begin(method, route, template);
    call.trace(request);
    return call;
  }

  @Override
  public ServerCall startDetached(String method, String route, boolean template, Object request) {
    Call call = (Call) start(method, route, template, request);
    call.detached = true;
    call.closeScope();
    return call;
  }

  @Override
  public ServerCall current() {
    return currentCall();
  }

  @Override
  public void containerDone() {
    Call call = calls.get();
    if (call != null) {
      call.closeScope();
    }
  }

  /** The request being served on this thread, or null; with what other recorders key per-request state on. */
  Call currentCall() {
    Call call = calls.get();
    return call != null && call.active && (!call.detached || call.attached) ? call : null;
  }

  /**
   * The SQL and outbound table of the endpoint this thread serves now; null outside a request and during a route's very
   * first request (its endpoint is created when that request ends).
   */
  RouteDependencies currentDependencies() {
    Call call = currentCall();
    EndpointStats e = call == null ? null : call.endpoint;
    return e == null || e.retired() ? null : e.dependencies();
  }

  static final class Call extends ServerCall {
    private final HttpServerRecorder recorder;
    private String method;
    private String route;
    /** The route is a framework's template, not made from the path. */
    private boolean template;
    private EndpointStats endpoint;
    private LongAdder pending;
    private long startNanos;
    private long sequence;
    private Span span;
    private Context context;
    private Scope scope;
    private Thread scopeThread;
    /** Started by {@link #startDetached}: current on its thread only between {@link #attach} and {@link #restore}. */
    boolean detached;
    boolean attached;
    /** The thread's call before {@link #attach}, put back by {@link #restore}. */
    private Call outer;
    /** Statements this request ran N+1 times, reported when it ends (null: none, the usual case). */
    private NPlusOneDetector.Flagged flagged;
    volatile boolean active;

    Call(HttpServerRecorder recorder) {
      this.recorder = recorder;
    }

    /** Which request this reused object serves now: (call, sequence) is unique per request. */
    long sequence() {
      return sequence;
    }

    void flag(NPlusOneDetector.Flagged f) {
      f.next = flagged;
      flagged = f;
    }

    /** The request's SERVER span, or null when it is not traced. */
    Span span() {
      return span;
    }

    /** Starts the request's span and makes it current on this thread until {@link #leaveThread} or {@link #end}. */
    void trace(Object request) {
      span = null;
      scope = null;
      context = null;
      try {
        Context context = ServerSpans.start(method, route, template, request);
        this.context = context;
        if (context != null) {
          span = Span.fromContext(context);
          scope = context.makeCurrent();
          scopeThread = Thread.currentThread();
        }
      } catch (Throwable t) {
        span = null; // tracing failed: the request is still counted
      }
    }

    /**
     * Inside a container's outermost entry the span stays current until that entry returns
     * ({@link HttpServerRecorder#containerDone}): the container logs a servlet's exception after the servlet returned,
     * and that line should carry the request's ids too. The span itself ends on time, in {@link #end}.
     */
    @Override
    public void leaveThread() {
      if (CallDepth.depth(CallDepth.SERVER_CONTAINER) == 0) {
        closeScope();
      }
    }

    @Override
    public Object attach() {
      outer = recorder.calls.get();
      recorder.calls.set(this);
      attached = true;
      Context c = context;
      return c == null ? null : c.makeCurrent();
    }

    @Override
    public void restore(Object token) {
      attached = false;
      Call o = outer;
      outer = null;
      if (o != null) {
        recorder.calls.set(o);
      }
      if (token instanceof Scope) {
        ((Scope) token).close();
      }
    }

    void closeScope() {
      Scope s = scope;
      if (s != null && scopeThread == Thread.currentThread()) {
        scope = null;
        scopeThread = null;
        s.close();
      }
    }

    void begin(String method, String route, boolean template) {
      sequence++;
      flagged = null;
      this.method = method;
      this.route = route == null ? "/" : route;
      this.template = template;
      this.startNanos = System.nanoTime();
      detached = false;
      attached = false;
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
      leave(endpoint, pending);
    }

    private static void leave(EndpointStats endpoint, LongAdder pending) {
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
      this.template = true;
      enter(recorder.registry.get(method, template));
      if (span != null) {
        ServerSpans.route(span, method, template);
      }
    }

    /**
     * Takes what the request holds into locals and only then lets go of the call ({@code active = false}): from that
     * moment the owner thread may reuse it for its next request while an async request still ends here.
     */
    @Override
    public void end(int status, Throwable error) {
      if (!active) {
        return;
      }
      long start = startNanos;
      long nanos = System.nanoTime() - start;
      String method = this.method;
      String route = this.route;
      boolean template = this.template;
      EndpointStats entered = endpoint;
      LongAdder enteredPending = pending;
      Span s = span;
      NPlusOneDetector.Flagged f = flagged;
      endpoint = null;
      pending = null;
      span = null;
      flagged = null;
      active = false;
      int code = error != null || status <= 0 ? 500 : status;
      boolean unmatched = !template && (code == 404 || code == 405);
      // per-endpoint profiles; no-op unless profiling
      RouteTimeline.record(start, start + nanos, unmatched ? EndpointRegistry.UNMATCHED_ROUTE : route);
      leave(entered, enteredPending);
      EndpointStats stats = unmatched ? recorder.registry.unmatched(method) : endpoint(entered, method, route, template);
      SpanContext sampled = s != null && s.getSpanContext().isSampled() ? s.getSpanContext() : null;
      stats.complete(nanos, code, error == null ? null : error.getClass().getName(),
          sampled == null ? null : sampled.getTraceId(), sampled == null ? null : sampled.getSpanId());
      if (f != null) {
        NPlusOneDetector.requestEnded(f, unmatched ? EndpointRegistry.UNMATCHED_ROUTE : route, s);
      }
      context = null;
      if (s != null) {
        try {
          if (!template) {
            ServerSpans.derivedRoute(s, method, unmatched ? null : route);
          }
          ServerSpans.end(s, status, code, error);
        } catch (Throwable t) {
          // the request is counted; its span is lost
        }
      }
      leaveThread();
    }

    /** The endpoint this request entered, or its route's current one when it has none or it was evicted meanwhile. */
    private EndpointStats endpoint(EndpointStats entered, String method, String route, boolean template) {
      if (entered != null && !entered.retired()) {
        return entered;
      }
      return template ? recorder.registry.get(method, route) : recorder.registry.getDerived(method, route);
    }
  }
}
