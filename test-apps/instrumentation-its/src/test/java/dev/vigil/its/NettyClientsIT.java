package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outbound HTTP through plain Netty (HttpClientCodec, or HttpRequestEncoder and HttpResponseDecoder; written from an
 * application thread), Reactor Netty's HttpClient and Spring's WebClient (block(), and subscribed on a scheduler's
 * thread with publishOn), on Netty 4.2 / Reactor Netty 1.3 / Spring 7 and Netty 4.1 / Reactor Netty 1.2 / Spring 6.2,
 * with the real agent jar, inside a request the JDK server records: one CLIENT span per request attempt (a redirect's
 * two included, a cancelled one ended once), child of that request's span, named in the traceparent the backend
 * received and parent of the backend's span; and the exact count of each outcome in
 * {@code http_client_request_duration_seconds}.
 */
class NettyClientsIT {
  private static final List<String> CLIENTS =
      List.of("netty", "netty-pair", "reactor", "webclient", "webclient-publishon");
  private static final List<String> REACTIVE = List.of("reactor", "webclient", "webclient-publishon");
  private static final int REPEAT = 2;
  private static final String DURATION = "http_client_request_duration_seconds_count";
  private static final String REFUSED = "io.netty.channel.AbstractChannel$AnnotatedConnectException";
  private static final String CANCELLED = "java.util.concurrent.CancellationException";
  private static final Pattern SEEN = Pattern.compile("SEEN (/\\S+) traceparent=00-([0-9a-f]{32})-([0-9a-f]{16})-01");

  @ParameterizedTest
  @ValueSource(strings = {"netty-client", "netty-client-netty41"})
  void everyAttemptIsOneClientSpanInTheCallersTrace(String module) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder("org.example.nettyclient.NettyClientApp").classpath(TestApps.classpath(module))
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_SERVICE_NAME", "netty-clients")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String control = "http://127.0.0.1:" + app.awaitReady();
      String out = Http.get(control + "/run?repeat=" + REPEAT + "&clients=" + String.join(",", CLIENTS)
          + ",reactor-redirect,reactor-cancel").body();
      for (String c : CLIENTS) {
        assertThat(out).as(c + ": the application's own results")
            .contains(("RESULT " + c + " 200\n").repeat(REPEAT) + "RESULT " + c + " 404\nRESULT " + c + " ");
      }
      assertThat(out).contains("RESULT reactor-redirect 200\n").doesNotContain("RESULT reactor-cancel 200");

      // plain Netty: hellos and a 404 (a refused connection wrote no request); the reactive ones also the refused
      // connection; the redirect two attempts; the cancelled one.
      int expected = CLIENTS.size() * (REPEAT + 1) + REACTIVE.size() + 2 + 1;
      List<ReceivedSpan> spans = receiver.await(s -> clientSpans(s).size() >= expected
          && s.stream().anyMatch(x -> x.name.equals("GET /run")), AgentJvm.PATIENCE);
      ReceivedSpan run = spans.stream().filter(s -> s.name.equals("GET /run")).findFirst().orElseThrow();
      List<ReceivedSpan> client = clientSpans(spans);
      assertThat(client).as("one CLIENT span per attempt, none twice").hasSize(expected);
      for (ReceivedSpan s : client) {
        assertThat(s.traceId).as("in the caller's trace: " + s).isEqualTo(run.traceId);
        assertThat(s.parentSpanId).as("child of the request that made it: " + s).isEqualTo(run.spanId);
        assertThat(s.attributes).containsEntry("http.request.method", "GET")
            .containsEntry("server.address", "127.0.0.1");
        assertThat(s.attributes.get("url.full")).as(s.toString()).startsWith("http://127.0.0.1:").doesNotContain("?");
      }
      for (String c : CLIENTS) {
        List<ReceivedSpan> ok = byPath(client, "/hello/" + c, REPEAT);
        for (ReceivedSpan s : ok) {
          assertThat(s.attributes).containsEntry("http.response.status_code", "200").doesNotContainKey("error.type");
          assertThat(s.status).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
        }
        ReceivedSpan missing = byPath(client, "/missing/" + c, 1).get(0);
        assertThat(missing.attributes).containsEntry("http.response.status_code", "404")
            .containsEntry("error.type", "404");
        assertThat(missing.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        ReceivedSpan refused = byPath(client, "/refused/" + c, REACTIVE.contains(c) ? 1 : 0).stream().findFirst()
            .orElse(null);
        if (refused != null) {
          assertThat(refused.attributes).containsEntry("error.type", REFUSED)
              .doesNotContainKey("http.response.status_code");
          assertThat(refused.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        }
      }
      assertThat(byPath(client, "/redirect/reactor-redirect", 1).get(0).attributes)
          .containsEntry("http.response.status_code", "302");
      assertThat(byPath(client, "/hello/reactor-redirect", 1).get(0).attributes)
          .containsEntry("http.response.status_code", "200");
      assertThat(byPath(client, "/slow/reactor-cancel", 1).get(0).attributes).containsEntry("error.type", CANCELLED)
          .doesNotContainKey("http.response.status_code");

      List<String> seen = out.lines().filter(l -> l.startsWith("SEEN ")).collect(Collectors.toList());
      assertThat(seen).hasSize(CLIENTS.size() * (REPEAT + 1) + 3);
      for (String line : seen) {
        Matcher m = SEEN.matcher(line);
        assertThat(m.matches()).as("the backend received a traceparent: " + line).isTrue();
        assertThat(m.group(2)).isEqualTo(run.traceId);
        assertThat(client).as("the traceparent names the CLIENT span of " + m.group(1))
            .anyMatch(s -> s.spanId.equals(m.group(3)) && s.attributes.get("url.full").endsWith(m.group(1)));
      }
      List<ReceivedSpan> all = receiver.await(s -> s.stream().filter(x -> x.kind == SpanKind.SPAN_KIND_SERVER).count()
          >= 1 + seen.size(), AgentJvm.PATIENCE);
      for (ReceivedSpan server : all) {
        if (server.kind == SpanKind.SPAN_KIND_SERVER && !server.name.equals("GET /run")) {
          assertThat(client).as("the backend's span is a child of a CLIENT span: " + server)
              .anyMatch(c -> c.spanId.equals(server.parentSpanId) && c.traceId.equals(server.traceId));
        }
      }

      int hellos = CLIENTS.size() * REPEAT + 1;
      Scrape s = app.awaitScrape(x -> x.sum(DURATION, "http_response_status_code", "200") >= hellos
          && x.sum(DURATION, "error_type", CANCELLED) >= 1);
      assertThat(s.sum(DURATION, "http_response_status_code", "200", "server_address", "127.0.0.1"))
          .as("200s, once each").isEqualTo(hellos);
      assertThat(s.sum(DURATION, "http_response_status_code", "404", "error_type", "404")).isEqualTo(CLIENTS.size());
      assertThat(s.sum(DURATION, "http_response_status_code", "302")).isEqualTo(1);
      assertThat(s.sum(DURATION, "error_type", REFUSED)).as("refused, once per reactive client")
          .isEqualTo(REACTIVE.size());
      assertThat(s.sum(DURATION, "error_type", CANCELLED)).isEqualTo(1);
      assertThat(s.sum(DURATION)).as("nothing else").isEqualTo(expected);
      assertThat(app.scrape()).as("no query on /metrics").doesNotContain("s3cret");
      assertThat(app.output()).doesNotContain("[vigil] WARN").doesNotContain("[vigil] ERROR");
    }
  }

  private static List<ReceivedSpan> clientSpans(List<ReceivedSpan> spans) {
    return spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_CLIENT && s.attributes.containsKey("url.full"))
        .collect(Collectors.toList());
  }

  private static List<ReceivedSpan> byPath(List<ReceivedSpan> spans, String path, int count) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.attributes.get("url.full").endsWith(path))
        .collect(Collectors.toList());
    assertThat(found).as(count + " CLIENT span(s) for " + path + " among " + spans).hasSize(count);
    return found;
  }
}
