package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With traces on: one CLIENT span per request of every client library, child of the request that made it (the async
 * ones included), with the semantic-convention attributes and no user-info or query; the traceparent the server
 * received names that CLIENT span, and the server's own span is its child.
 */
class HttpClientSpansIT {
  private static final Pattern SEEN =
      Pattern.compile("SEEN (/\\S+) traceparent=00-([0-9a-f]{32})-([0-9a-f]{16})-0[13] .*");

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void clientSpansAndPropagatedContext(String javaHome) throws Exception {
    List<String> clients = List.of("urlconnection", "jdk", "jdk-async", "apache5", "apache5-async", "apache4",
        "okhttp", "okhttp-async");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = HttpClientsIT.start(javaHome, "http-clients").env("OTEL_EXPORTER_OTLP_ENDPOINT",
            receiver.endpoint()).env("OTEL_SERVICE_NAME", "clients").env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String control = "http://127.0.0.1:" + app.awaitReady();
      String out = Http.get(control + "/run?repeat=1&clients=" + String.join(",", clients)).body();
      List<ReceivedSpan> spans = receiver.await(s -> clientSpans(s).size() >= 3 * clients.size()
          && s.stream().anyMatch(x -> x.name.equals("GET /run")), AgentJvm.PATIENCE);
      ReceivedSpan run = spans.stream().filter(s -> s.name.equals("GET /run")).findFirst().orElseThrow();
      List<ReceivedSpan> client = clientSpans(spans);
      assertThat(client).hasSize(3 * clients.size());
      for (ReceivedSpan s : client) {
        assertThat(s.traceId).as(s.toString()).isEqualTo(run.traceId);
        assertThat(s.parentSpanId).as("child of the request that made it: " + s).isEqualTo(run.spanId);
        assertThat(s.name).isEqualTo("GET");
        assertThat(s.attributes).containsEntry("http.request.method", "GET")
            .containsEntry("server.address", "127.0.0.1")
            .containsKey("server.port");
        assertThat(s.attributes.get("url.full")).as(s.toString()).startsWith("http://127.0.0.1:").doesNotContain("?");
      }
      for (String c : clients) {
        ReceivedSpan ok = byPath(client, "/hello/" + c);
        assertThat(ok.attributes).containsEntry("http.response.status_code", "200").doesNotContainKey("error.type");
        assertThat(ok.status).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
        ReceivedSpan missing = byPath(client, "/missing/" + c);
        assertThat(missing.attributes).containsEntry("http.response.status_code", "404")
            .containsEntry("error.type", "404");
        assertThat(missing.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        ReceivedSpan refused = byPath(client, "/refused/" + c);
        assertThat(refused.attributes).containsEntry("error.type", HttpClientsIT.REFUSED.get(c))
            .doesNotContainKey("http.response.status_code");
        assertThat(refused.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      }
      List<String> seen = out.lines().filter(l -> l.startsWith("SEEN ")).collect(Collectors.toList());
      assertThat(seen).hasSize(2 * clients.size());
      for (String line : seen) {
        Matcher m = SEEN.matcher(line);
        assertThat(m.matches()).as("the server received a traceparent: " + line).isTrue();
        ReceivedSpan sent = byPath(client, m.group(1));
        assertThat(m.group(2)).isEqualTo(run.traceId);
        assertThat(m.group(3)).as("the traceparent names the CLIENT span of " + m.group(1)).isEqualTo(sent.spanId);
      }
      List<ReceivedSpan> all = receiver.await(s -> s.stream().filter(x -> x.kind == SpanKind.SPAN_KIND_SERVER).count()
          >= 1 + 2 * clients.size(), AgentJvm.PATIENCE);
      for (ReceivedSpan server : all) {
        if (server.kind == SpanKind.SPAN_KIND_SERVER && !server.name.equals("GET /run")) {
          assertThat(client).as("the backend's span is a child of a CLIENT span: " + server)
              .anyMatch(c -> c.spanId.equals(server.parentSpanId) && c.traceId.equals(server.traceId));
        }
      }
      for (ReceivedSpan s : all) {
        for (String secret : HttpClientsIT.SECRETS) {
          assertThat(s.toString()).as("no user-info or query in any span").doesNotContain(secret);
        }
      }
    }
  }

  static List<ReceivedSpan> clientSpans(List<ReceivedSpan> spans) {
    return spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_CLIENT && s.attributes.containsKey("url.full"))
        .collect(Collectors.toList());
  }

  static ReceivedSpan byPath(List<ReceivedSpan> spans, String path) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.attributes.get("url.full").endsWith(path))
        .collect(Collectors.toList());
    assertThat(found).as("one CLIENT span for " + path + " among " + spans).hasSize(1);
    return found.get(0);
  }
}
