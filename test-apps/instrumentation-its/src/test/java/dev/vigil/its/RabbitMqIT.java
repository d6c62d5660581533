package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.RabbitMqApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.DocumentedMetrics;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.Services;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RabbitMQ between two JVMs, each with the agent: a request to the producer publishes, the consumer processes and
 * writes to Redis. The spans of both JVMs form one trace (SERVER, PRODUCER, CONSUMER, the consumer's Redis CLIENT),
 * and each JVM counts its messages per destination on /metrics and in its OTLP metric push.
 */
class RabbitMqIT {
  static final String PUBLISH = "messaging_client_operation_duration_seconds_count";
  static final String PROCESS = "messaging_process_duration_seconds_count";

  @BeforeAll
  static void servicesRun() {
    Services.require("RabbitMQ", 5672);
    Services.require("Redis", 6379);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void oneTraceAcrossProducerAndConsumer(String javaHome) throws Exception {
    run(AgentJvm.appClasspath(), javaHome, true);
  }

  @Test
  void previousClientVersion() throws Exception {
    Path older = Files.list(Paths.get(System.getProperty("its.older-clients.dir")))
        .filter(p -> p.getFileName().toString().startsWith("amqp-client-")).findFirst().orElseThrow();
    String classpath = Arrays.stream(AgentJvm.appClasspath().split(File.pathSeparator))
        .map(e -> e.matches(".*/amqp-client-[0-9.]+\\.jar") ? older.toString() : e)
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classpath).contains(older.toString()).doesNotContain("amqp-client-5.38");
    run(classpath, null, false);
  }

  /** Every handler the advice calls throws: every message still goes out and arrives with the application's headers. */
  @Test
  void messagesFlowWhenEveryAdviceThrows() throws Exception {
    String queue = Services.unique("vigil-it-", 10);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm consumer = start(AgentJvm.builder(RabbitMqApp.class).sysProp("vigil.test.fail_advice", "true"),
            "consumer", queue, receiver);
        AgentJvm producer = start(AgentJvm.builder(RabbitMqApp.class).sysProp("vigil.test.fail_advice", "true"),
            "producer", queue, receiver)) {
      consumer.awaitReady();
      String base = "http://127.0.0.1:" + producer.awaitReady();
      for (int i = 0; i < 4; i++) {
        assertThat(Http.get(base + "/publish").statusCode()).isEqualTo(200);
        assertThat(Http.get(base + "/fanout").statusCode()).isEqualTo(200);
      }
      long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
      while (consumed(consumer) < 8 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(consumed(consumer)).as(consumer.output()).isEqualTo(8);
      assertThat(consumer.output().lines().filter(l -> l.startsWith("CONSUMED ")))
          .allSatisfy(l -> assertThat(l).contains("app-header=kept"));
    }
  }

  private static long consumed(AgentJvm consumer) {
    return consumer.output().lines().filter(l -> l.startsWith("CONSUMED ")).count();
  }

  private static void run(String classpath, String javaHome, boolean checkMetricsFirst) throws Exception {
    String queue = Services.unique("vigil-it-", 10);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm consumer = start(classpath, javaHome, "consumer", queue, receiver);
        AgentJvm producer = start(classpath, javaHome, "producer", queue, receiver)) {
      consumer.awaitReady();
      String base = "http://127.0.0.1:" + producer.awaitReady();
      if (checkMetricsFirst) {
        assertThat(producer.scrape()).as("no messaging series before the first message")
            .doesNotContain("messaging_client_operation_duration").doesNotContain("messaging_process_duration");
      }
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/publish").statusCode()).isEqualTo(200);
      }
      for (int i = 0; i < 2; i++) {
        assertThat(Http.get(base + "/fanout").statusCode()).isEqualTo(200);
      }
      assertThat(Http.get(base + "/get").body()).isEqualTo("to-temporary");

      Scrape consumed = consumer.awaitScrape(s -> s.sum(PROCESS) >= 5);
      assertThat(consumed.sum(PROCESS, "messaging_system", "rabbitmq", "messaging_operation_name", "process",
          "messaging_destination_name", queue)).isEqualTo(3);
      assertThat(consumed.sum(PROCESS, "messaging_destination_name", queue + "-x")).isEqualTo(2);
      assertThat(consumed.sum(PUBLISH)).as("the consumer publishes nothing").isZero();
      Scrape published = producer.awaitScrape(s -> s.sum(PUBLISH) >= 9);
      assertThat(published.sum(PUBLISH, "messaging_system", "rabbitmq", "messaging_operation_name", "publish",
          "messaging_destination_name", queue)).isEqualTo(3);
      assertThat(published.sum(PUBLISH, "messaging_destination_name", queue + "-x")).isEqualTo(2);
      assertThat(published.sum(PUBLISH, "messaging_operation_name", "publish", "messaging_destination_name",
          "(temporary)"))
          .as("server-named queues share one series").isEqualTo(3);
      assertThat(published.sum(PUBLISH, "messaging_operation_name", "receive", "messaging_destination_name",
          "(temporary)")).as("basicGet").isEqualTo(1);
      assertThat(published.sum(PROCESS)).isZero();
      promtoolAccepts(producer.scrape());
      promtoolAccepts(consumer.scrape());
      assertThat(consumer.output()).as("the application's own headers arrive beside the trace context")
          .contains("app-header=kept").contains("traceparent=");

      assertThat(awaitPushedCount(receiver, "messaging.process.duration", queue, 3)).isEqualTo(3);
      assertThat(awaitPushedCount(receiver, "messaging.client.operation.duration", queue + "-x", 2)).isEqualTo(2);
      assertThat(DocumentedMetrics.read().otel).contains("messaging.process.duration",
          "messaging.client.operation.duration");

      List<ReceivedSpan> spans = receiver.await(s -> s.stream().filter(x -> x.kind == SpanKind.SPAN_KIND_CONSUMER)
          .count() >= 5 && s.stream().filter(x -> "SET".equals(x.name)).count() >= 5
          && s.stream().anyMatch(x -> "GET /get".equals(x.name))
          && s.stream().anyMatch(x -> "receive (temporary)".equals(x.name)), AgentJvm.PATIENCE);
      List<ReceivedSpan> servers = spans.stream().filter(s -> s.name.equals("GET /publish"))
          .collect(Collectors.toList());
      assertThat(servers).hasSize(3);
      for (ReceivedSpan server : servers) {
        ReceivedSpan publish = only(children(spans, server), "publish " + queue);
        assertThat(publish.kind).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
        assertThat(publish.attributes).containsEntry("messaging.system", "rabbitmq")
            .containsEntry("messaging.operation.name", "publish").containsEntry("messaging.destination.name", queue);
        assertThat(publish.resource.get("service.name")).isEqualTo("shop-producer");
        ReceivedSpan process = only(children(spans, publish), "process " + queue);
        assertThat(process.kind).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
        assertThat(process.traceId).as("one trace across both JVMs").isEqualTo(server.traceId);
        assertThat(process.resource.get("service.name")).isEqualTo("shop-consumer");
        assertThat(process.attributes).containsEntry("messaging.operation.name", "process")
            .containsEntry("messaging.destination.name", queue);
        ReceivedSpan redis = only(children(spans, process), "SET");
        assertThat(redis.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(only(children(spans, server), "publish (temporary)").kind).isEqualTo(SpanKind.SPAN_KIND_PRODUCER);
      }
      ReceivedSpan get = only(children(spans, only(spans, "GET /get")), "receive (temporary)");
      assertThat(get.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
      assertThat(get.attributes).containsEntry("messaging.operation.name", "receive");
      for (ReceivedSpan server : spans.stream().filter(s -> s.name.equals("GET /fanout")).collect(Collectors.toList())) {
        ReceivedSpan publish = only(children(spans, server), "publish " + queue + "-x");
        ReceivedSpan process = only(children(spans, publish), "process " + queue + "-x");
        assertThat(process.kind).as("a DeliverCallback consumer too").isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
        only(children(spans, process), "SET");
      }
    }
  }

  private static AgentJvm start(String classpath, String javaHome, String role, String queue, OtlpReceiver receiver)
      throws Exception {
    AgentJvm.Builder builder = AgentJvm.builder(RabbitMqApp.class.getName()).classpath(classpath);
    return start(javaHome == null ? builder : builder.javaHome(javaHome), role, queue, receiver);
  }

  private static AgentJvm start(AgentJvm.Builder builder, String role, String queue, OtlpReceiver receiver)
      throws Exception {
    return builder.arg(role).arg(queue)
        .env("OTEL_SERVICE_NAME", "shop-" + role).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
        .env("OTEL_BSP_SCHEDULE_DELAY", "100").env("OTEL_METRIC_EXPORT_INTERVAL", "300").start();
  }

  /** Both families pass {@code promtool check metrics} without findings (where promtool is installed, as on CI). */
  private static void promtoolAccepts(String scrape) throws Exception {
    Optional<Path> promtool = ExternalTools.find("promtool");
    if (promtool.isPresent()) {
      ExternalTools.Result r = ExternalTools.run(List.of(promtool.get().toString(), "check", "metrics"), scrape);
      assertThat(r.exitCode).as("promtool %s", r).isZero();
      assertThat(r.output.lines().filter(l -> !l.isBlank())).as("promtool findings").isEmpty();
    }
  }

  /** The count of the latest pushed point of {@code metric} for {@code destination}, once it is {@code expected}. */
  private static long awaitPushedCount(OtlpReceiver receiver, String metric, String destination, long expected)
      throws Exception {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    long count = 0;
    while (count != expected && System.nanoTime() < deadline) {
      for (ExportMetricsServiceRequest push : receiver.metrics()) {
        count = push.getResourceMetricsList().stream().flatMap(r -> r.getScopeMetricsList().stream())
            .flatMap(sm -> sm.getMetricsList().stream()).filter(m -> m.getName().equals(metric))
            .flatMap(m -> m.getHistogram().getDataPointsList().stream())
            .filter(p -> p.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals("messaging.destination.name")
                && kv.getValue().getStringValue().equals(destination)))
            .mapToLong(HistogramDataPoint::getCount).reduce((a, b) -> b).orElse(count);
      }
      Thread.sleep(100);
    }
    return count;
  }

  private static List<ReceivedSpan> children(List<ReceivedSpan> spans, ReceivedSpan parent) {
    return spans.stream().filter(s -> s.parentSpanId.equals(parent.spanId)).collect(Collectors.toList());
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String name) {
    List<ReceivedSpan> named = spans.stream().filter(s -> s.name.equals(name)).collect(Collectors.toList());
    assertThat(named).as("one span %s among %s", name, spans).hasSize(1);
    return named.get(0);
  }
}
