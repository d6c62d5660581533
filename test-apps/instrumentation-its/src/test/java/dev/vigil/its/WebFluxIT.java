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
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spring WebFlux on Reactor Netty (test-apps/webflux on Spring Boot 4, webflux-boot3 on Boot 3): the SERVER span and
 * the golden signals come from the Netty server instrumentation, the route from the matched pattern of annotated and
 * functional routes; JDBC run on boundedElastic (publishOn, subscribeOn) lands under the request's span, and so does
 * JDBC run where a WebClient response arrives (the client's event loop: the Reactor instrumentation), with the log
 * line written there; an error signal and a throwing handler count once as 500; a client gone before the answer once
 * as 499; a 404 makes no series.
 */
class WebFluxIT {
  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String PARENT_ID = "b7ad6b7169203331";
  static final String COUNT = "http_server_request_duration_seconds_count";

  @ParameterizedTest
  @ValueSource(strings = {"webflux", "webflux-boot3"})
  void routesAreTemplatesAndReactiveHandOffsStayInTheRequestsTrace(String module) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder("org.example.webflux.WebFluxApp").classpath(TestApps.classpath(module))
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_SERVICE_NAME", module)
            .env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(get(app, base + "/owners/2/remote").body()).isEqualTo("owner 2 has tom");
      assertThat(get(app, base + "/owners/7").body()).isEqualTo("owner 7");
      assertThat(get(app, base + "/owners/7").statusCode()).isEqualTo(200);
      assertThat(get(app, base + "/owners/1/pet", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01").body())
          .isEqualTo("rex");
      assertThat(get(app, base + "/pets/felix").body()).isEqualTo("pet felix");
      assertThat(get(app, base + "/pets/2/db").body()).isEqualTo("tom");
      assertThat(get(app, base + "/fail").statusCode()).isEqualTo(500);
      assertThat(get(app, base + "/throw").statusCode()).isEqualTo(500);
      assertThat(get(app, base + "/nothing/123").statusCode()).isEqualTo(404);
      try (Socket gone = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)))) {
        OutputStream out = gone.getOutputStream();
        out.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } // the client leaves before the answer

      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT, "http_route", "/slow") >= 1 && s.sum(COUNT) >= 11);
      assertThat(scrape.sum(COUNT, "http_route", "/owners/{id}", "http_response_status_code", "200"))
          .as("two direct, one through WebClient").isEqualTo(3);
      assertThat(scrape.sum(COUNT, "http_route", "/owners/{id}/remote", "http_response_status_code", "200"))
          .isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/owners/{id}/pet", "http_response_status_code", "200"))
          .isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/pets/{name}", "http_response_status_code", "200")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/pets/{id}/db", "http_response_status_code", "200")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/fail", "http_response_status_code", "500")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/throw", "http_response_status_code", "500")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "_unmatched", "http_response_status_code", "404")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/slow", "http_response_status_code", "499"))
          .as("cancelled by the client: once, and not a server error").isEqualTo(1);
      assertThat(scrape.sum(COUNT)).as("each request once").isEqualTo(11);
      assertThat(scrape.find(COUNT).stream().map(s -> s.labels.get("http_route")).collect(Collectors.toSet()))
          .as("templates only").containsExactlyInAnyOrder("/owners/{id}", "/owners/{id}/pet", "/owners/{id}/remote", "/pets/{name}",
              "/pets/{id}/db", "/fail", "/throw", "_unmatched", "/slow");

      List<ReceivedSpan> spans = receiver.await(s -> s.stream().filter(x -> x.name.equals("SELECT pets")).count() >= 3
          && s.stream().filter(x -> x.kind == SpanKind.SPAN_KIND_SERVER).count() >= 11
          && s.stream().anyMatch(x -> x.attributes.containsKey("url.full")), AgentJvm.PATIENCE);
      ReceivedSpan pet = server(spans, "GET /owners/{id}/pet");
      assertThat(pet.traceId).as("the caller's traceparent").isEqualTo(TRACE_ID);
      assertThat(pet.parentSpanId).isEqualTo(PARENT_ID);
      assertThat(pet.attributes).containsEntry("http.route", "/owners/{id}/pet")
          .containsEntry("url.path", "/owners/1/pet").containsEntry("http.response.status_code", "200");
      assertThat(childQuery(spans, pet).traceId).isEqualTo(TRACE_ID);
      childQuery(spans, server(spans, "GET /pets/{id}/db"));
      assertRemoteCallAndQueryInOneTrace(app, spans);
      assertThat(server(spans, "GET /fail").status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      ReceivedSpan missing = spans.stream().filter(s -> "/nothing/123".equals(s.attributes.get("url.path")))
          .findFirst().orElseThrow();
      assertThat(missing.name).isEqualTo("GET");
      assertThat(missing.attributes).doesNotContainKey("http.route");
      assertThat(app.output()).doesNotContain("could not define").doesNotContain("[vigil] WARN");
    }
  }

  /**
   * server span → CLIENT span → the called server's span, each the child of the one before; the query run in a flatMap
   * where the response arrived (the client's event loop) a child of the first server span, and the line logged there
   * stamped with its trace id.
   */
  private static void assertRemoteCallAndQueryInOneTrace(AgentJvm app, List<ReceivedSpan> spans) {
    ReceivedSpan remote = server(spans, "GET /owners/{id}/remote");
    List<ReceivedSpan> clients = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_CLIENT
        && s.attributes.containsKey("url.full") && s.parentSpanId.equals(remote.spanId)).collect(Collectors.toList());
    assertThat(clients).as("the WebClient call under " + remote + " among " + spans).hasSize(1);
    ReceivedSpan client = clients.get(0);
    assertThat(client.traceId).isEqualTo(remote.traceId);
    List<ReceivedSpan> called = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER
        && s.parentSpanId.equals(client.spanId)).collect(Collectors.toList());
    assertThat(called).as("the called server's span under " + client).hasSize(1);
    assertThat(called.get(0).attributes).containsEntry("url.path", "/owners/2");
    assertThat(called.get(0).traceId).isEqualTo(remote.traceId);
    assertThat(childQuery(spans, remote).traceId).isEqualTo(remote.traceId);
    String line = app.output().lines().filter(l -> l.contains("remote owner 2 has tom")).findFirst().orElseThrow();
    assertThat(line).as("logged on the client's event loop, in the request's trace")
        .contains("[reactor-http-").contains("trace_id=" + remote.traceId);
  }

  /** A request; when it fails, the app's output and threads tell why. */
  private static java.net.http.HttpResponse<String> get(AgentJvm app, String url, String... headers)
      throws Exception {
    try {
      return Http.getOnNewConnection(url, headers);
    } catch (IllegalStateException e) {
      Process jcmd = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", Long.toString(app.process().pid()),
          "Thread.print").redirectErrorStream(true).start();
      String threads = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      throw new AssertionError(e.getMessage() + "\n" + app.output() + "\n" + threads, e);
    }
  }

  private static ReceivedSpan server(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER && s.name.equals(name))
        .collect(Collectors.toList());
    assertThat(found).as(name + " among " + spans).hasSize(1);
    return found.get(0);
  }

  /** The JDBC query run on boundedElastic: a child of the request's SERVER span. */
  private static ReceivedSpan childQuery(List<ReceivedSpan> spans, ReceivedSpan parent) {
    List<ReceivedSpan> found = spans.stream().filter(s -> s.name.equals("SELECT pets")
        && s.parentSpanId.equals(parent.spanId)).collect(Collectors.toList());
    assertThat(found).as("the query under " + parent + " among " + spans).hasSize(1);
    return found.get(0);
  }
}
