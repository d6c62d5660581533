package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.RedisApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis CLIENT spans (Jedis and Lettuce) under the request's SERVER span, exported over OTLP: command names, the
 * server for Jedis, errors; no argument, value or password in any attribute; the key only with
 * {@code vigil.redis.capture_key=true}, and never on AUTH.
 */
class RedisTracingIT {
  @BeforeAll
  static void redisRuns() {
    RedisIT.redisRuns();
  }

  @Test
  void spansWithoutArgumentsKeysOnlyWhenConfigured() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(RedisApp.class).arg("127.0.0.1").arg("6379")
            .arg("vigil-it-" + UUID.randomUUID() + "-").sysProp("vigil.redis.capture_key", "true")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/jedis").statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/lettuce").statusCode()).isEqualTo(200);
      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.name.startsWith("GET /lettuce"))
          && s.stream().filter(x -> "AUTH".equals(x.name)).count() >= 1, AgentJvm.PATIENCE);

      ReceivedSpan jedisServer = TracingIT.one(spans, "GET /jedis");
      List<ReceivedSpan> jedis = children(spans, jedisServer);
      assertThat(jedis.stream().filter(s -> s.name.equals("GET"))).hasSize(5);
      assertThat(jedis).allSatisfy(s -> {
        assertThat(s.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(s.attributes).containsEntry("db.system.name", "redis").containsEntry("db.operation.name", s.name);
      });
      assertThat(jedis.stream().filter(s -> "127.0.0.1".equals(s.attributes.get("server.address"))
          && "6379".equals(s.attributes.get("server.port"))))
          .as("every command but the 5 pipelined and transactional ones names its server").hasSize(jedis.size() - 5);
      assertThat(jedis.stream().filter(s -> s.name.equals("GET")))
          .anySatisfy(s -> assertThat(s.attributes.get("db.redis.key")).endsWith("KEYSECRET-k1"));

      ReceivedSpan lettuceServer = TracingIT.one(spans, "GET /lettuce");
      List<ReceivedSpan> lettuce = children(spans, lettuceServer);
      assertThat(lettuce.stream().filter(s -> s.name.equals("GET"))).hasSize(6).allSatisfy(s ->
          assertThat(s.attributes).as("the server, from Lettuce's channel").containsEntry("server.address", "127.0.0.1")
              .containsEntry("server.port", "6379"));
      ReceivedSpan auth = lettuce.stream().filter(s -> s.name.equals("AUTH")).findFirst().orElseThrow();
      assertThat(auth.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(auth.attributes).doesNotContainKey("db.redis.key");

      String everything = spans.stream().map(s -> s.attributes.toString() + s.events).collect(Collectors.joining());
      assertThat(everything).doesNotContain("VALSECRET").doesNotContain("PWSECRET");
    }
  }

  private static List<ReceivedSpan> children(List<ReceivedSpan> spans, ReceivedSpan parent) {
    return spans.stream().filter(s -> s.parentSpanId.equals(parent.spanId)).collect(Collectors.toList());
  }
}
