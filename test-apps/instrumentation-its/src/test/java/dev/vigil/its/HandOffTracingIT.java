package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.HandOffApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real spans across thread hand-offs: the JDBC spans of work a request handed to a ThreadPoolExecutor, a scheduled
 * pool, the common ForkJoinPool, CompletableFuture.supplyAsync, a parallel stream and (Java 21+) a virtual thread are
 * children of the request's SERVER span; queries later submitted to the same pools without a context are not.
 */
class HandOffTracingIT {
  private static final String TRACE_ID = "5bf92f3577b34da6a3ce929d0e0e4737";
  private static final String PARENT_ID = "10f067aa0ba902b8";

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void dbSpansOfHandedOffWorkAreChildrenOfTheServerSpan(String javaHome) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(HandOffApp.class).javaHome(javaHome)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/setup").statusCode()).isEqualTo(200);
      String handed = Http.get(base + "/handoff", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01").body();
      assertThat(handed).startsWith("handed off");
      assertThat(Http.get(base + "/leak").body()).isEqualTo("probed 12");

      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.name.equals("GET /leak")),
          AgentJvm.PATIENCE);
      ReceivedSpan server = TracingIT.one(spans, "GET /handoff");
      assertThat(server.traceId).isEqualTo(TRACE_ID);
      List<String> tables = List.of("tpe_items", "st_items", "fj_items", "cf_items", "ps_items");
      if (handed.endsWith("with virtual threads")) {
        tables = List.of("tpe_items", "st_items", "fj_items", "cf_items", "ps_items", "vt_items");
      }
      assertThat(handed.endsWith("with virtual threads")).isEqualTo(javaHome.contains("25"));
      for (String table : tables) {
        List<ReceivedSpan> queries = named(spans, "SELECT " + table);
        assertThat(queries).as(table + " among " + spans).hasSize(table.equals("ps_items") ? 4 : 1)
            .allSatisfy(q -> {
              assertThat(q.traceId).as(table).isEqualTo(TRACE_ID);
              assertThat(q.parentSpanId).as(table).isEqualTo(server.spanId);
            });
      }
      assertThat(named(spans, "SELECT leak_items")).as("no pooled thread kept the request's context")
          .noneMatch(s -> s.traceId.equals(TRACE_ID));
      ReceivedSpan leak = TracingIT.one(spans, "GET /leak");
      assertThat(named(spans, "SELECT leak_items")).as("submitted from a thread without a context")
          .noneMatch(s -> s.parentSpanId.equals(leak.spanId));
    }
  }

  private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
    return spans.stream().filter(s -> s.name.equals(name)).collect(Collectors.toList());
  }
}
