package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.DocumentedMetrics;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Jmx;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.Services;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kafka-clients against a real Kafka broker (KRaft, one JVM started here without the agent, test-apps/kafka-broker)
 * and a service with the agent (test-apps/kafka-app) that produces to and consumes from one topic: each message is one
 * trace (the request's SERVER span, the PRODUCER span of the send, the CONSUMER span of its processing, the JDBC
 * insert the processing makes), the send's callback runs under the request's context, an application's own
 * {@code traceparent} is kept, a failed send is an error, and /metrics shows the sends, the processing and the
 * consumer's lag per partition, with no series per record key. Once with the current client on the test's JDK, once
 * with a 3.x client on JDK 25 (where installed).
 */
class KafkaIT {
  static final String SEND = "messaging_client_operation_duration_seconds_count";
  static final String PROCESS = "messaging_process_duration_seconds_count";
  static final String LAG = "vigil_kafka_consumer_lag";
  static final String TOO_LARGE = "org.apache.kafka.common.errors.RecordTooLargeException";
  static final String OWN_TRACE = "0af7651916cd43dd8448eb211c80319c";

  private static Path dataDir;
  private static AgentJvm broker;
  private static String bootstrap;

  @BeforeAll
  static void startBroker() throws Exception {
    int port = Jmx.freePort();
    int controllerPort = Jmx.freePort();
    dataDir = Files.createTempDirectory("vigil-kafka-it");
    broker = AgentJvm.builder("dev.vigil.kafka.broker.BrokerMain").classpath(TestApps.classpath("kafka-broker"))
        .withoutAgent().jvmArg("-XX:TieredStopAtLevel=1").jvmArg("-Xmx512m")
        .arg(Integer.toString(port)).arg(Integer.toString(controllerPort)).arg(dataDir.toString()).start();
    broker.awaitLine(l -> l.startsWith("READY ") || l.startsWith("NOT READY"), AgentJvm.STARTUP);
    assertThat(broker.output()).as("the broker started").contains("READY " + port).doesNotContain("NOT READY");
    bootstrap = "127.0.0.1:" + port;
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void currentClient() throws Exception {
    run(TestApps.classpath("kafka-app"), null);
  }

  @Test
  void client3OnJdk25() throws Exception {
    Path older = Files.list(Paths.get(System.getProperty("its.older-clients.dir")))
        .filter(p -> p.getFileName().toString().startsWith("kafka-clients-3.")).findFirst().orElseThrow();
    String classpath = Arrays.stream(TestApps.classpath("kafka-app").split(File.pathSeparator))
        .map(e -> e.matches(".*/kafka-clients-[0-9.]+\\.jar") ? older.toString() : e)
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classpath).contains(older.toString()).doesNotContain("kafka-clients-4.");
    run(classpath, TestApps.hasJdk25() ? TestApps.JDK25 : null);
  }

  /** Every handler the advice and the helpers call throws: every record still goes out, arrives, and calls back. */
  @Test
  void recordsFlowWhenEveryAdviceThrows() throws Exception {
    String topic = Services.unique("vigil-it-", 8);
    try (AgentJvm app = AgentJvm.builder("dev.vigil.kafka.KafkaApp").classpath(TestApps.classpath("kafka-app"))
        .sysProp("vigil.test.fail_advice", "true").arg(bootstrap).arg(topic).arg(topic + "-group").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(base + "/send?n=2").body()).isEqualTo("sent 2");
      }
      assertThat(Http.get(base + "/send-own").body()).isEqualTo("sent");
      assertThat(Http.get(base + "/fail").body()).isEqualTo("failed " + TOO_LARGE);
      app.awaitLine(l -> l.startsWith("CONSUMED " + topic + " ") && l.contains(OWN_TRACE), AgentJvm.PATIENCE);
      long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
      while (consumed(app, topic) < 7 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(consumed(app, topic)).as(app.output()).isEqualTo(7);
      assertThat(app.output().lines().filter(l -> l.startsWith("ACKED "))).hasSize(6);
    }
  }

  private static long consumed(AgentJvm app, String topic) {
    return app.output().lines().filter(l -> l.startsWith("CONSUMED " + topic + " ")).count();
  }

  private static void run(String classpath, String javaHome) throws Exception {
    String topic = Services.unique("vigil-it-", 8);
    String group = topic + "-group";
    AgentJvm.Builder builder = AgentJvm.builder("dev.vigil.kafka.KafkaApp").classpath(classpath)
        .arg(bootstrap).arg(topic).arg(group);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = (javaHome == null ? builder : builder.javaHome(javaHome))
            .env("OTEL_SERVICE_NAME", "kafka-app").env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "100").env("OTEL_METRIC_EXPORT_INTERVAL", "300").start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      assertThat(app.scrape()).as("no messaging series before the first message")
          .doesNotContain("messaging_client_operation_duration").doesNotContain(LAG + "{");
      assertThat(Http.get(base + "/send?n=3").body()).isEqualTo("sent 3");
      assertThat(Http.get(base + "/send-own").body()).isEqualTo("sent");
      assertThat(Http.get(base + "/fail").body()).isEqualTo("failed " + TOO_LARGE);

      // a partition's lag appears after a poll that returned its records; which partitions the records went to the
      // producer chose (the app prints each acknowledged send's partition)
      Scrape scrape = app.awaitScrape(s -> s.sum(PROCESS) >= 4 && s.find(LAG, "messaging_consumer_group_name", group)
          .size() >= partitionsWritten(app).size());
      List<String> used = partitionsWritten(app);
      assertThat(used).as("partitions written").isNotEmpty();
      assertThat(ok(scrape, SEND, topic)).as("acknowledged sends").isEqualTo(4);
      assertThat(scrape.sum(SEND, "messaging_system", "kafka", "messaging_operation_name", "send",
          "messaging_destination_name", topic, "error_type", TOO_LARGE)).as("the failed send").isEqualTo(1);
      assertThat(scrape.sum(PROCESS, "messaging_system", "kafka", "messaging_operation_name", "process",
          "messaging_destination_name", topic)).isEqualTo(4);
      List<Scrape.Sample> lag = scrape.find(LAG, "messaging_system", "kafka", "messaging_consumer_group_name", group,
          "messaging_destination_name", topic);
      assertThat(lag).as("lag per partition written (the broker makes 2)").extracting(s -> s.labels.get(
          "messaging_destination_partition_id")).containsExactlyInAnyOrderElementsOf(used);
      assertThat(lag).allSatisfy(s -> assertThat(s.value).isBetween(0.0, 5.0));
      assertThat(app.scrape()).as("no series, no label per record key").doesNotContain("user-");
      promtoolAccepts(app.scrape());
      assertThat(DocumentedMetrics.read().otel).contains("vigil.kafka.consumer.lag");
      assertThat(awaitPushedLagPartitions(receiver, group, used.size())).as("the lag gauge over OTLP too")
          .isEqualTo(used.size());
      assertThat(app.output()).as("the application's own traceparent arrives as it set it, alone")
          .contains("CONSUMED " + topic + " ").contains("traceparent=[00-" + OWN_TRACE + "-b7ad6b7169203331-01]");

      List<ReceivedSpan> spans = receiver.await(s -> count(s, SpanKind.SPAN_KIND_CONSUMER) >= 4
          && count(s, SpanKind.SPAN_KIND_PRODUCER) >= 5 && insertsUnderConsumers(s) >= 4, AgentJvm.PATIENCE);
      ReceivedSpan request = only(spans.stream().filter(s -> s.name.equals("GET /send")));
      List<ReceivedSpan> sends = children(spans, request).stream()
          .filter(s -> s.kind == SpanKind.SPAN_KIND_PRODUCER).collect(Collectors.toList());
      assertThat(sends).hasSize(3);
      for (ReceivedSpan send : sends) {
        assertThat(send.name).isEqualTo("send " + topic);
        assertThat(send.attributes).containsEntry("messaging.system", "kafka")
            .containsEntry("messaging.operation.name", "send").containsEntry("messaging.operation.type", "send")
            .containsEntry("messaging.destination.name", topic);
        ReceivedSpan process = only(children(spans, send).stream());
        assertThat(process.kind).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
        assertThat(process.name).isEqualTo("process " + topic);
        assertThat(process.traceId).as("one trace per message").isEqualTo(request.traceId);
        assertThat(process.attributes).containsEntry("messaging.system", "kafka")
            .containsEntry("messaging.operation.type", "process").containsEntry("messaging.destination.name", topic)
            .containsEntry("messaging.consumer.group.name", group);
        ReceivedSpan insert = only(children(spans, process).stream());
        assertThat(insert.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(insert.name).as("the processing's JDBC call is its child").startsWith("INSERT");
      }
      assertThat(children(spans, request).stream().filter(s -> s.name.startsWith("SELECT")))
          .as("each send's callback runs under the request's context").hasSize(3);
      assertThat(spans).filteredOn(s -> s.kind == SpanKind.SPAN_KIND_CONSUMER && s.traceId.equals(OWN_TRACE))
          .as("a record whose application set its own traceparent continues that trace").hasSize(1);
      ReceivedSpan failed = only(children(spans, only(spans.stream().filter(s -> s.name.equals("GET /fail")))).stream()
          .filter(s -> s.kind == SpanKind.SPAN_KIND_PRODUCER));
      assertThat(failed.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(failed.attributes).containsEntry("error.type", TOO_LARGE);
      assertThat(spans).as("no record key in any attribute")
          .allSatisfy(s -> assertThat(s.attributes.values()).noneMatch(v -> v.contains("user-")));
    }
  }

  /** The partitions the app's acknowledged sends went to, as it printed them. */
  private static List<String> partitionsWritten(AgentJvm app) {
    return app.output().lines().filter(l -> l.matches("ACKED(-OWN)? \\d+")).map(l -> l.substring(l.indexOf(' ') + 1))
        .distinct().collect(Collectors.toList());
  }

  /** How many partitions of {@code group} the latest OTLP push of the lag gauge has, once it has {@code expected}. */
  private static long awaitPushedLagPartitions(OtlpReceiver receiver, String group, long expected) throws Exception {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    long partitions = 0;
    while (partitions != expected && System.nanoTime() < deadline) {
      for (ExportMetricsServiceRequest push : receiver.metrics()) {
        List<NumberDataPoint> points = push.getResourceMetricsList().stream()
            .flatMap(r -> r.getScopeMetricsList().stream()).flatMap(sm -> sm.getMetricsList().stream())
            .filter(m -> m.getName().equals("vigil.kafka.consumer.lag"))
            .flatMap(m -> m.getGauge().getDataPointsList().stream())
            .filter(p -> p.getAttributesList().stream().anyMatch(kv -> kv.getKey().equals(
                "messaging.consumer.group.name") && kv.getValue().getStringValue().equals(group)))
            .collect(Collectors.toList());
        partitions = points.isEmpty() ? partitions : points.size();
      }
      Thread.sleep(100);
    }
    return partitions;
  }

  /** Acknowledged sends (no error type) to {@code topic}. */
  private static double ok(Scrape scrape, String metric, String topic) {
    return scrape.find(metric, "messaging_system", "kafka", "messaging_operation_name", "send",
        "messaging_destination_name", topic).stream().filter(s -> !s.labels.containsKey("error_type"))
        .mapToDouble(s -> s.value).sum();
  }

  private static long count(List<ReceivedSpan> spans, SpanKind kind) {
    return spans.stream().filter(s -> s.kind == kind).count();
  }

  private static long insertsUnderConsumers(List<ReceivedSpan> spans) {
    return spans.stream().filter(s -> s.name.startsWith("INSERT")).filter(s -> spans.stream()
        .anyMatch(p -> p.spanId.equals(s.parentSpanId) && p.kind == SpanKind.SPAN_KIND_CONSUMER)).count();
  }

  private static List<ReceivedSpan> children(List<ReceivedSpan> spans, ReceivedSpan parent) {
    return spans.stream().filter(s -> s.parentSpanId.equals(parent.spanId)).collect(Collectors.toList());
  }

  private static ReceivedSpan only(Stream<ReceivedSpan> spans) {
    List<ReceivedSpan> list = spans.collect(Collectors.toList());
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  /** The scrape passes {@code promtool check metrics} without findings (where promtool is installed, as on CI). */
  private static void promtoolAccepts(String scrape) throws Exception {
    Optional<Path> promtool = ExternalTools.find("promtool");
    if (promtool.isPresent()) {
      ExternalTools.Result r = ExternalTools.run(List.of(promtool.get().toString(), "check", "metrics"), scrape);
      assertThat(r.exitCode).as("promtool %s", r).isZero();
      assertThat(r.output.lines().filter(l -> !l.isBlank())).as("promtool findings").isEmpty();
    }
  }
}
