package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.RawClient;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plain Netty HTTP server (test-apps/netty-server on Netty 4.2, netty-server-41 on 4.1): every request of a
 * keep-alive or pipelined connection is its own call, on a pipeline with {@code HttpServerCodec} and on one with a
 * separate decoder and encoder; the status is the response's; a connection the server drops counts as a 500, one the
 * client drops as 499, each once; JDBC run by the handler on the event loop is a child of the request's SERVER span.
 */
class NettyServerIT {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PARENT_ID = "00f067aa0ba902b7";
  static final String COUNT = "http_server_request_duration_seconds_count";

  @ParameterizedTest
  @ValueSource(strings = {"netty-server", "netty-server-41"})
  void everyRequestIsCountedOnceWithItsRouteAndTraced(String module) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder("org.example.nettyserver.NettyServerApp")
            .classpath(TestApps.classpath(module)).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_SERVICE_NAME", module).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      int port = app.awaitReady();
      String splitLine = app.awaitLine(l -> l.startsWith("SPLIT "), AgentJvm.STARTUP);
      int split = Integer.parseInt(splitLine.substring("SPLIT ".length()).trim());
      String base = "http://127.0.0.1:" + port;

      try (RawClient client = new RawClient("127.0.0.1", port)) {
        assertThat(client.pipeline("/hello", "/items/1", "/fail")).containsExactly(200, 200, 500);
        assertThat(client.send("GET", "/hello")).as("the same connection, kept alive").isEqualTo(200);
      }
      assertThat(Http.get(base + "/items/2", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01").body())
          .isEqualTo("second");
      assertThat(Http.get(base + "/nothing/42").statusCode()).isEqualTo(404);
      try (RawClient client = new RawClient("127.0.0.1", port)) {
        assertThat(client.send("GET", "/throw")).as("the app closes the connection").isEqualTo(-1);
      }
      try (Socket gone = new Socket("127.0.0.1", port)) {
        OutputStream out = gone.getOutputStream();
        out.write("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } // the client leaves before the answer
      try (RawClient client = new RawClient("127.0.0.1", split)) {
        assertThat(client.send("GET", "/hello")).as("decoder and encoder apart").isEqualTo(200);
      }

      Scrape scrape = app.awaitScrape(s -> s.sum(COUNT, "http_route", "/hang") >= 1
          && s.sum(COUNT, "http_route", "/throw") >= 1 && s.sum(COUNT, "http_route", "/hello") >= 3);
      assertThat(scrape.sum(COUNT, "http_route", "/hello", "http_response_status_code", "200")).isEqualTo(3);
      assertThat(scrape.sum(COUNT, "http_route", "/items/{id}", "http_response_status_code", "200")).isEqualTo(2);
      assertThat(scrape.sum(COUNT, "http_route", "/fail", "http_response_status_code", "500")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "_unmatched", "http_response_status_code", "404")).isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/throw", "http_response_status_code", "500"))
          .as("closed by the server without an answer: its failure").isEqualTo(1);
      assertThat(scrape.sum(COUNT, "http_route", "/hang", "http_response_status_code", "499"))
          .as("the client went away: cancelled, not a server error").isEqualTo(1);
      assertThat(scrape.sum(COUNT)).as("each request once").isEqualTo(9);
      assertThat(scrape.find(COUNT).stream().map(s -> s.labels.get("http_route")).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("/hello", "/items/{id}", "/fail", "_unmatched", "/throw", "/hang");
      assertThat(scrape.sum("http_server_active_requests")).isZero();
      // the app's boss group (one loop) and worker group (two), named after the code that made them
      List<Scrape.Sample> loops = scrape.find("vigil_executor_threads_max").stream()
          .filter(s -> s.labels.get("executor_name").startsWith("NettyServerApp.")).collect(Collectors.toList());
      assertThat(loops).as("%s", scrape.find("vigil_executor_threads_max")).hasSize(2);
      assertThat(loops.stream().mapToDouble(s -> s.value).sum()).isEqualTo(3);
      for (Scrape.Sample group : loops) {
        assertThat(scrape.find("vigil_executor_queue_depth", "executor_name", group.labels.get("executor_name")))
            .as("tasks waiting in the group's loops").hasSize(1);
      }

      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.traceId.equals(TRACE_ID)
          && x.kind == SpanKind.SPAN_KIND_CLIENT) && s.stream().filter(x -> x.kind == SpanKind.SPAN_KIND_SERVER)
          .count() >= 9, AgentJvm.PATIENCE);
      ReceivedSpan item = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER
          && s.traceId.equals(TRACE_ID)).findFirst().orElseThrow();
      assertThat(item.name).isEqualTo("GET /items/{id}");
      assertThat(item.parentSpanId).as("the caller's traceparent").isEqualTo(PARENT_ID);
      assertThat(item.attributes).containsEntry("http.route", "/items/{id}").containsEntry("url.path", "/items/2")
          .containsEntry("http.response.status_code", "200").containsEntry("network.protocol.version", "1.1");
      ReceivedSpan query = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_CLIENT
          && s.traceId.equals(TRACE_ID)).findFirst().orElseThrow();
      assertThat(query.name).isEqualTo("SELECT items");
      assertThat(query.parentSpanId).as("JDBC on the event loop, under the request").isEqualTo(item.spanId);
      ReceivedSpan failed = spans.stream().filter(s -> s.name.equals("GET /fail")).findFirst().orElseThrow();
      assertThat(failed.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      List<ReceivedSpan> pipelinedItem = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER
          && "/items/1".equals(s.attributes.get("url.path"))).collect(Collectors.toList());
      assertThat(pipelinedItem).hasSize(1);
      assertThat(spans).as("the pipelined request's query under its own span")
          .anyMatch(s -> s.name.equals("SELECT items") && s.parentSpanId.equals(pipelinedItem.get(0).spanId));
      assertThat(app.output()).doesNotContain("could not define").doesNotContain("Scope.close")
          .doesNotContain("[vigil] WARN");
    }
  }

  /**
   * Every bridge call throws, or returns a call whose every method throws (vigil.test.fail_advice): each request still
   * gets its answer, in order, as without the agent.
   */
  @Test
  void aFailingRecorderNeverReachesTheApplication() throws Exception {
    try (AgentJvm app = AgentJvm.builder("org.example.nettyserver.NettyServerApp")
        .classpath(TestApps.classpath("netty-server")).sysProp("vigil.test.fail_advice", "true").start()) {
      int port = app.awaitReady();
      try (RawClient client = new RawClient("127.0.0.1", port)) {
        for (int i = 0; i < 3; i++) {
          assertThat(client.pipeline("/hello", "/items/1", "/fail", "/nothing")).containsExactly(200, 200, 500, 404);
        }
      }
      assertThat(Http.get("http://127.0.0.1:" + port + "/items/2").body()).isEqualTo("second");
      assertThat(app.output()).as("the faults were met, and reported").contains(
          "vigil.test.fail_advice: HttpServerHandler.startDetached", "vigil.test.fail_advice: ServerCall.attach",
          "vigil.test.fail_advice: ServerCall.end");
    }
  }
}
