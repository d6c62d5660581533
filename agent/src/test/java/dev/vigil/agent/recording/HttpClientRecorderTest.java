package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.HttpClientRegistry;
import dev.vigil.agent.signals.HttpClientSeries;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.bootstrap.ClientCall;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recorder with the OpenTelemetry API only (no SDK): metrics, header injection, suppression, keyed calls. */
class HttpClientRecorderTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";
  private final HttpClientRegistry registry = new HttpClientRegistry(100, 1000);
  private final HttpClientRecorder recorder = new HttpClientRecorder(registry, false);

  @AfterEach
  void noTracing() {
    Tracing.install(null, null);
  }

  @Test
  void recordsStatusesAndErrorsByAddressAndPort() {
    recorder.start("GET", "http://u:p@svc:8080/a?token=x", null).end(200, null);
    recorder.start("GET", "http://svc:8080/b", null).end(503, null);
    recorder.start("POST", "https://svc/c", null).end(0, new CompletionException(new ConnectException("refused")));
    assertThat(count("GET", "svc", 8080, 200, null)).isEqualTo(1);
    assertThat(count("GET", "svc", 8080, 503, "503")).isEqualTo(1);
    assertThat(count("POST", "svc", 443, 0, "java.net.ConnectException")).as("future wrappers removed").isEqualTo(1);
  }

  @Test
  void endsOnceEvenWhenEndedTwice() {
    ClientCall call = recorder.start("GET", "http://svc/a", null);
    call.end(200, null);
    call.end(200, null);
    call.accept(null, new RuntimeException());
    assertThat(registry.all()).extracting(HttpClientSeries::count).containsExactly(1L);
  }

  @Test
  void noHeadersWithoutPropagatorsAndTraceparentOfTheParentWithThem() {
    assertThat(recorder.start("GET", "http://svc/a", null).headers()).isEmpty();
    Tracing.install(null, ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
    Span parent = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      String[] headers = recorder.start("GET", "http://svc/a", null).headers();
      assertThat(headers).hasSize(2);
      assertThat(headers[0]).isEqualTo("traceparent");
      assertThat(headers[1]).startsWith("00-" + TRACE + "-");
    }
  }

  @Test
  void nothingWhileTheAgentItselfCallsOut() {
    try (Scope ignored = Tracing.suppressInstrumentation(Context.current()).makeCurrent()) {
      assertThat(recorder.start("POST", "http://collector:4318/v1/traces", null)).isNull();
    }
    assertThat(registry.all()).isEmpty();
  }

  @Test
  void keyedCallIsFoundUntilItEnds() {
    Object connection = new Object();
    ClientCall call = recorder.start("GET", "http://svc/a", connection);
    assertThat(recorder.started(connection)).isSameAs(call);
    call.end(200, null);
    assertThat(recorder.started(connection)).isNull();
  }

  @Test
  void capturedContextIsAttachedOnceOnAnotherThread() throws Exception {
    dev.vigil.bootstrap.Bridge.install(new dev.vigil.agent.tracing.OtelContextCarrier());
    Object asyncCall = new Object();
    Span parent = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      recorder.captureContext(asyncCall);
    }
    String[] seen = new String[2];
    Thread t = new Thread(() -> {
      Object token = recorder.attachContext(asyncCall);
      seen[0] = Span.current().getSpanContext().getSpanId();
      dev.vigil.bootstrap.Bridge.context().restore(token);
      seen[1] = Span.current().getSpanContext().getSpanId();
    });
    t.start();
    t.join();
    assertThat(seen[0]).isEqualTo(SPAN);
    assertThat(seen[1]).as("restored after the run").isNotEqualTo(SPAN);
    assertThat(recorder.attachContext(asyncCall)).as("attached once").isNull();
  }

  @Test
  void requestLineOnTheWireMakesTheUrl() {
    assertThat(ClientUrl.absolute(false, "svc:8080", null, "/a/b?token=x")).isEqualTo("http://svc:8080/a/b?token=x");
    assertThat(ClientUrl.absolute(true, null, new java.net.InetSocketAddress("127.0.0.1", 8443), "/a"))
        .isEqualTo("https://127.0.0.1:8443/a");
    assertThat(ClientUrl.absolute(false, "", java.net.InetSocketAddress.createUnresolved("::1", 80), ""))
        .isEqualTo("http://[::1]:80/");
    assertThat(ClientUrl.absolute(false, "proxy:3128", null, "http://svc/x")).as("absolute form, to a proxy")
        .isEqualTo("http://svc/x");
    ClientCall call = recorder.start("GET", false, "svc:8080", null, "/a?token=x", null);
    call.end(200, null);
    assertThat(count("GET", "svc", 8080, 200, null)).isEqualTo(1);
  }

  @Test
  void contextHandedOverIsTheParentOnceAndStaysForTheNextAttempt() {
    dev.vigil.bootstrap.Bridge.install(new dev.vigil.agent.tracing.OtelContextCarrier());
    Tracing.install(null, ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
    Object subscription = new Object();
    Object channel = new Object();
    Span parent = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      recorder.captureContext(subscription);
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      recorder.handOverContext(subscription, channel);
      ClientCall call = recorder.start("GET", false, "svc", null, "/", channel);
      assertThat(call.headers()[1]).as("attempt " + attempt).startsWith("00-" + TRACE + "-");
      call.end(200, null);
      ClientCall next = recorder.start("GET", false, "svc", null, "/", channel);
      assertThat(next.headers()).as("taken once: a later request on the channel is not its child")
          .noneMatch(h -> h.contains(TRACE));
      next.end(200, null);
    }
  }

  @Test
  void failureBeforeSendingIsOneCallTimedFromTheSubscription() {
    Object subscription = new Object();
    recorder.captureContext(subscription);
    recorder.failedBeforeSending("GET", "http://svc:81/x?token=s", subscription, new java.net.ConnectException());
    assertThat(count("GET", "svc", 81, 0, "java.net.ConnectException")).isEqualTo(1);
  }

  private long count(String method, String address, int port, int status, String errorType) {
    return registry.all().stream().filter(s -> s.method.equals(method) && s.address.equals(address) && s.port == port
        && s.status == status && java.util.Objects.equals(s.errorType, errorType)).mapToLong(HttpClientSeries::count)
        .sum();
  }
}
