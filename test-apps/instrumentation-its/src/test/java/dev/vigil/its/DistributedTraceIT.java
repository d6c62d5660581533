package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two services with the agent, as in production: a request enters service A with a traceparent; A fans out from a
 * thread pool through every client library (HttpURLConnection, java.net.http send and sendAsync, Apache HttpClient 5
 * and 4, OkHttp execute and enqueue, whose callback calls B once more) to service B. The OTLP receiver gets one trace, the
 * caller's, with every parent link right: caller -> A SERVER -> A CLIENT (one per call) -> B SERVER.
 */
class DistributedTraceIT {
  static final String TRACE_ID = "5af7651916cd43dd8448eb211c80319c";
  static final String CALLER_SPAN = "c7ad6b7169203331";
  static final List<String> CALLS = List.of("urlconnection", "jdk", "jdk-async", "apache5", "apache5-async",
      "apache4", "okhttp", "okhttp-async", "okhttp-callback");

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void oneTraceAcrossTwoServicesThroughEveryClient(String javaHome) throws Exception {
    String classpath = TestApps.classpath("http-clients");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm b = service(receiver, classpath, javaHome, "service-b").arg("backend").start()) {
      String bUrl = "http://127.0.0.1:" + b.awaitReady();
      try (AgentJvm a = service(receiver, classpath, javaHome, "service-a").arg("fanout").arg(bUrl).start()) {
        String aUrl = "http://127.0.0.1:" + a.awaitReady();
        HttpResponse<String> response = Http.get(aUrl + "/fanout", "traceparent",
            "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01", "baggage", "tenant=acme");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<ReceivedSpan> spans = receiver.await(s -> count(s, "service-a", SpanKind.SPAN_KIND_CLIENT) >= CALLS.size()
            && count(s, "service-b", SpanKind.SPAN_KIND_SERVER) >= CALLS.size()
            && count(s, "service-a", SpanKind.SPAN_KIND_SERVER) >= 1, AgentJvm.PATIENCE);
        assertThat(spans).as("one trace, the caller's").allMatch(s -> s.traceId.equals(TRACE_ID));
        List<ReceivedSpan> aServer = of(spans, "service-a", SpanKind.SPAN_KIND_SERVER);
        assertThat(aServer).hasSize(1);
        assertThat(aServer.get(0).name).isEqualTo("GET /fanout");
        assertThat(aServer.get(0).parentSpanId).as("A continues the caller's span").isEqualTo(CALLER_SPAN);
        List<ReceivedSpan> aClient = of(spans, "service-a", SpanKind.SPAN_KIND_CLIENT);
        assertThat(aClient).hasSize(CALLS.size());
        for (String call : CALLS) {
          ReceivedSpan client = HttpClientSpansIT.byPath(aClient, "/hello/" + call);
          assertThat(client.parentSpanId).as(call + ": child of A's request, across the pool: " + client)
              .isEqualTo(aServer.get(0).spanId);
          List<ReceivedSpan> bServer = of(spans, "service-b", SpanKind.SPAN_KIND_SERVER).stream()
              .filter(s -> s.parentSpanId.equals(client.spanId)).collect(Collectors.toList());
          assertThat(bServer).as(call + ": B's request is a child of A's CLIENT span").hasSize(1);
          assertThat(bServer.get(0).name).startsWith("GET /hello");
        }
        assertThat(of(spans, "service-b", SpanKind.SPAN_KIND_SERVER)).hasSize(CALLS.size());
        assertThat(a.output() + b.output()).as("JDK 24+ warns on stderr when a library calls sun.misc.Unsafe's"
            + " memory methods; the agent's queues must not").doesNotContain("sun.misc.Unsafe");
      }
    }
  }

  private static AgentJvm.Builder service(OtlpReceiver receiver, String classpath, String javaHome, String name) {
    return AgentJvm.builder("org.example.clients.ClientsApp").classpath(classpath).javaHome(javaHome)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_SERVICE_NAME", name)
        .env("OTEL_BSP_SCHEDULE_DELAY", "100");
  }

  private static long count(List<ReceivedSpan> spans, String service, SpanKind kind) {
    return of(spans, service, kind).size();
  }

  private static List<ReceivedSpan> of(List<ReceivedSpan> spans, String service, SpanKind kind) {
    return spans.stream().filter(s -> s.kind == kind && service.equals(s.resource.get("service.name")))
        .collect(Collectors.toList());
  }
}
