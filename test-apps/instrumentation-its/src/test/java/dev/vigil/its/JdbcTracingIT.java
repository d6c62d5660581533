package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.JdbcApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Services;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** JDBC CLIENT spans are children of the request's SERVER span; N+1 findings name a trace and mark the span. */
class JdbcTracingIT {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_ID = "b7ad6b7169203331";

  @Test
  void h2() throws Exception {
    run("h2database", "jdbc:h2:mem:vigil;DB_CLOSE_DELAY=-1", "sa", null, -1);
  }

  @Test
  void postgresql() throws Exception {
    Services.require("PostgreSQL", 5432);
    run("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "test", 5432);
  }

  private void run(String system, String url, String user, String namespace, int port) throws Exception {
    String table = table();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(JdbcApp.class).arg(url).arg(user).arg("").arg(table)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
      try {
        assertThat(Http.get(base + "/setup").statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/nplus1", "traceparent", traceparent).statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/literal").statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/error").statusCode()).isEqualTo(500);
      } finally {
        Http.get(base + "/teardown");
      }
      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.name.startsWith("GET /teardown")),
          AgentJvm.PATIENCE);
      ReceivedSpan server = TracingIT.one(spans, "GET /nplus1");
      assertThat(server.traceId).isEqualTo(TRACE_ID);
      assertThat(server.parentSpanId).isEqualTo(PARENT_ID);
      List<ReceivedSpan> queries = spans.stream().filter(s -> s.parentSpanId.equals(server.spanId))
          .collect(Collectors.toList());
      assertThat(queries).hasSize(11).allSatisfy(q -> {
        assertThat(q.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(q.traceId).isEqualTo(TRACE_ID);
        assertThat(q.name).isEqualTo("SELECT " + table);
        assertThat(q.attributes).containsEntry("db.system.name", system).containsEntry("db.operation.name", "SELECT")
            .containsEntry("db.collection.name", table).containsKey("db.query.text");
        if (namespace != null) {
          assertThat(q.attributes).containsEntry("db.namespace", namespace)
              .containsEntry("server.address", "127.0.0.1").containsEntry("server.port", Integer.toString(port));
        }
      });
      assertThat(server.events).anySatisfy(e -> {
        assertThat(e.name).isEqualTo("vigil.n_plus_one");
        assertThat(e.attributes).containsEntry("db.system.name", system).containsKey("db.query.text");
        assertThat(Integer.parseInt(e.attributes.get("vigil.n_plus_one.count"))).isGreaterThanOrEqualTo(5);
      });
      assertThat(app.signals()).contains("\"example_trace_id\" : \"" + TRACE_ID + "\"");

      ReceivedSpan literal = TracingIT.one(spans, "GET /literal");
      List<ReceivedSpan> literalQueries = spans.stream().filter(s -> s.parentSpanId.equals(literal.spanId))
          .collect(Collectors.toList());
      assertThat(literalQueries).hasSize(3);
      assertThat(spans.toString()).as("no SQL literal leaves the process").doesNotContain("SECRET-123")
          .doesNotContain("987654321");

      ReceivedSpan error = TracingIT.one(spans, "GET /error");
      assertThat(spans).anySatisfy(s -> {
        assertThat(s.parentSpanId).isEqualTo(error.spanId);
        assertThat(s.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(s.attributes).containsKey("error.type");
        assertThat(s.events).anyMatch(e -> e.name.equals("exception"));
      });
      assertThat(spans).as("statements outside a request (pool start-up) are not traces of their own")
          .allMatch(s -> s.kind == SpanKind.SPAN_KIND_SERVER || !s.parentSpanId.isEmpty());
    }
  }

  private static String table() {
    Random r = new Random();
    StringBuilder s = new StringBuilder("vigil_traced_");
    for (int i = 0; i < 8; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }
}
