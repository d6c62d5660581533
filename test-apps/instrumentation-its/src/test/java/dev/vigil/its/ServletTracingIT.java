package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SERVER spans on real servlet containers (headers read through HttpServletRequest, javax and jakarta), an async
 * request, no context left on pooled threads, and Spring's route pattern as the span name.
 */
class ServletTracingIT {
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String PARENT_ID = "eee19b7ec3c1b174";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  @ParameterizedTest(name = "{0}")
  @CsvSource({"jetty9,org.example.servers.jetty9.Jetty9App", "tomcat10,org.example.servers.tomcat10.TomcatJakartaApp"})
  void servletRequestsContinueTheTrace(String server, String mainClass) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(mainClass).classpath(TestApps.classpath("servers/" + server))
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady() + "/app";
      assertThat(Http.get(base + "/api/orders/1001", "traceparent", TRACEPARENT).statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/boom", "traceparent", TRACEPARENT).statusCode()).isEqualTo(500);
      assertThat(Http.get(base + "/async", "traceparent", TRACEPARENT).statusCode()).isEqualTo(202);
      int plain = 20;
      for (int i = 0; i < plain; i++) {
        assertThat(Http.get(base + "/hello").statusCode()).isEqualTo(200);
      }
      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= 3 + plain, AgentJvm.PATIENCE);
      ReceivedSpan order = TracingIT.one(spans, "GET /app/api/orders/{id}");
      assertThat(order.traceId).isEqualTo(TRACE_ID);
      assertThat(order.parentSpanId).isEqualTo(PARENT_ID);
      assertThat(order.attributes).containsEntry("http.response.status_code", "200")
          .containsEntry("url.path", "/app/api/orders/1001").containsEntry("url.scheme", "http")
          .containsEntry("client.address", "127.0.0.1").containsEntry("network.protocol.version", "1.1");
      ReceivedSpan boom = TracingIT.one(spans, "GET /app/boom");
      assertThat(boom.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(boom.events).anyMatch(e -> e.name.equals("exception"));
      ReceivedSpan async = TracingIT.one(spans, "GET /app/async");
      assertThat(async.traceId).isEqualTo(TRACE_ID);
      assertThat(async.attributes).as("ended when the async request completed").containsEntry(
          "http.response.status_code", "202");
      assertThat(spans.stream().filter(s -> s.name.equals("GET /app/hello")))
          .as("no context is left on the container's threads").hasSize(plain)
          .allSatisfy(s -> assertThat(s.parentSpanId).isEmpty());
    }
  }

  @Test
  void springPatternNamesTheSpan() throws Exception {
    String jar = TestApps.file("spring-shop", "target/spring-shop.jar").toString();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder("org.springframework.boot.loader.launch.JarLauncher").classpath(jar)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(base + "/owners/7/pets/2", "traceparent", TRACEPARENT).statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/owners/9/boom").statusCode()).isEqualTo(500);
      List<ReceivedSpan> spans = receiver.await(s -> s.size() >= 2, AgentJvm.PATIENCE);
      ReceivedSpan pets = TracingIT.one(spans, "GET /owners/{ownerId}/pets/{petId}");
      assertThat(pets.traceId).isEqualTo(TRACE_ID);
      assertThat(pets.attributes).containsEntry("http.route", "/owners/{ownerId}/pets/{petId}");
      ReceivedSpan boom = TracingIT.one(spans, "GET /owners/{ownerId}/boom");
      assertThat(boom.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    }
  }
}
