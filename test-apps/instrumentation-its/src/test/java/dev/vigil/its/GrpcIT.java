package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * grpc-java with the agent on both sides (test-apps/grpc-app): a client JVM calls a server JVM once through each kind of
 * method (unary, server streaming, a NOT_FOUND answer, a handler that throws; Relay, whose handler calls the server
 * again from grpc's executor thread; Chain, whose handler calls through an async stub and again from its callback).
 * Each CLIENT span has its SERVER span as child in the same trace, the nested calls land under their handler's SERVER
 * span, and both sides count their calls per method and status, on /metrics and over OTLP.
 */
class GrpcIT {
  static final String SERVICE = "demo.Greeter/";

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void callsAreTracedAcrossJvmsAndCountedPerMethodAndStatus(String javaHome) throws Exception {
    String classpath = TestApps.classpath("grpc-app");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm server = app(receiver, classpath, javaHome, "greeter").arg("server").start()) {
      int port = server.awaitReady();
      try (AgentJvm client = app(receiver, classpath, javaHome, "caller").arg("client").arg(Integer.toString(port))
          .start()) {
        client.awaitLine("DONE"::equals, AgentJvm.STARTUP);
        assertThat(client.output()).contains("RESULT Hello hello world2", "RESULT Relay relayed hello relay",
            "RESULT Chain hello chain, hello again",
            "RESULT Count 12345", "RESULT Missing NOT_FOUND", "RESULT Boom UNKNOWN");

        List<ReceivedSpan> spans = receiver.await(s -> of(s, "caller", SpanKind.SPAN_KIND_CLIENT).size() >= 8
            && of(s, "greeter", SpanKind.SPAN_KIND_SERVER).size() >= 11
            && of(s, "greeter", SpanKind.SPAN_KIND_CLIENT).size() >= 3, AgentJvm.PATIENCE);
        List<ReceivedSpan> calls = of(spans, "caller", SpanKind.SPAN_KIND_CLIENT);
        assertThat(calls).hasSize(8);
        for (ReceivedSpan call : calls) {
          assertThat(call.attributes).containsEntry("rpc.system.name", "grpc").containsEntry("rpc.method", call.name)
              .containsEntry("server.address", "127.0.0.1").containsEntry("server.port", Integer.toString(port));
          ReceivedSpan served = childOf(spans, call, "greeter", SpanKind.SPAN_KIND_SERVER);
          assertThat(served.name).as("one trace, client -> server").isEqualTo(call.name);
          assertThat(served.attributes).containsEntry("rpc.system.name", "grpc").containsEntry("rpc.method", call.name)
              .containsEntry("rpc.response.status_code", call.attributes.get("rpc.response.status_code"));
        }
        assertThat(named(calls, "Count").attributes).containsEntry("rpc.response.status_code", "OK");
        ReceivedSpan missing = named(calls, "Missing");
        assertThat(missing.status).as("a client's every non-OK status is an error").isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(missing.attributes).containsEntry("rpc.response.status_code", "NOT_FOUND")
            .containsEntry("error.type", "NOT_FOUND");
        ReceivedSpan missingServed = childOf(spans, missing, "greeter", SpanKind.SPAN_KIND_SERVER);
        assertThat(missingServed.status).as("NOT_FOUND is the caller's fault, not the server's")
            .isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
        ReceivedSpan boomServed = childOf(spans, named(calls, "Boom"), "greeter", SpanKind.SPAN_KIND_SERVER);
        assertThat(boomServed.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
        assertThat(boomServed.attributes).containsEntry("error.type", "UNKNOWN");
        assertThat(boomServed.events).as("the handler's exception").anyMatch(e -> e.name.equals("exception")
            && "java.lang.IllegalStateException".equals(e.attributes.get("exception.type")));

        // Relay's handler calls Hello from grpc's executor thread: that call is a child of Relay's SERVER span
        ReceivedSpan relayServed = childOf(spans, named(calls, "Relay"), "greeter", SpanKind.SPAN_KIND_SERVER);
        ReceivedSpan nested = childOf(spans, relayServed, "greeter", SpanKind.SPAN_KIND_CLIENT);
        assertThat(nested.name).isEqualTo(SERVICE + "Hello");
        assertThat(childOf(spans, nested, "greeter", SpanKind.SPAN_KIND_SERVER).name).isEqualTo(SERVICE + "Hello");

        // Chain's async call's observer, run on grpc's executor, calls again: in the caller's context too
        ReceivedSpan chainServed = childOf(spans, named(calls, "Chain"), "greeter", SpanKind.SPAN_KIND_SERVER);
        List<ReceivedSpan> chained = of(spans, "greeter", SpanKind.SPAN_KIND_CLIENT).stream()
            .filter(s -> s.parentSpanId.equals(chainServed.spanId)).collect(Collectors.toList());
        assertThat(chained).as("both calls of Chain's handler, the one from its callback too").hasSize(2)
            .allMatch(s -> s.name.equals(SERVICE + "Hello") && s.traceId.equals(chainServed.traceId));

        Scrape served = server.awaitScrape(s -> count(s, "rpc_server_call_duration_seconds_count", "Boom") >= 1
            && count(s, "rpc_server_call_duration_seconds_count", "Hello") >= 6);
        assertThat(count(served, "rpc_server_call_duration_seconds_count", "Hello", "rpc_response_status_code", "OK"))
            .as("three from the client, one relayed, two chained").isEqualTo(6);
        assertThat(count(served, "rpc_server_call_duration_seconds_count", "Count", "rpc_response_status_code", "OK"))
            .isEqualTo(1);
        assertThat(served.find("rpc_server_call_duration_seconds_count", "rpc_method", SERVICE + "Missing",
            "rpc_response_status_code", "NOT_FOUND")).singleElement()
            .satisfies(s -> assertThat(s.labels).doesNotContainKey("error_type"));
        assertThat(count(served, "rpc_server_call_duration_seconds_count", "Boom", "rpc_response_status_code",
            "UNKNOWN", "error_type", "UNKNOWN")).isEqualTo(1);
        assertThat(served.sum("rpc_server_call_duration_seconds_sum", "rpc_method", SERVICE + "Count"))
            .as("a stream is timed until it closes (5 messages 50 ms apart)").isGreaterThanOrEqualTo(0.2);
        assertThat(count(served, "http_server_request_duration_seconds_count", null, "http_route",
            "/" + SERVICE + "Missing", "http_request_method", "POST", "error_type", "NOT_FOUND"))
            .as("among the endpoints, every non-OK status is an error").isEqualTo(1);
        assertThat(server.signals()).contains("\"route\" : \"/demo.Greeter/Hello\"");
        Optional<Path> promtool = ExternalTools.find("promtool");
        if (promtool.isPresent()) { // PrometheusScrapeIT requires it where the CI demands tools
          ExternalTools.Result lint = ExternalTools.run(List.of(promtool.get().toString(), "check", "metrics"),
              server.scrape());
          assertThat(lint.exitCode).as("promtool on the RPC families: %s", lint).isZero();
        }

        Scrape called = client.awaitScrape(s -> count(s, "rpc_client_call_duration_seconds_count", "Boom") >= 1);
        assertThat(count(called, "rpc_client_call_duration_seconds_count", "Hello", "rpc_response_status_code", "OK"))
            .isEqualTo(3);
        assertThat(count(called, "rpc_client_call_duration_seconds_count", "Missing", "rpc_response_status_code",
            "NOT_FOUND", "error_type", "NOT_FOUND")).isEqualTo(1);

        assertThat(awaitPushedCount(receiver, "greeter", "rpc.server.call.duration", SERVICE + "Hello"))
            .as("pushed over OTLP too").isEqualTo(6);
        assertThat(server.output() + client.output()).as("interceptors defined next to grpc, without Unsafe")
            .doesNotContain("sun.misc.Unsafe").doesNotContain("could not define");
      }
    }
  }

  /**
   * Every bridge call throws, or returns a call whose every method throws (vigil.test.fail_advice): each RPC still
   * gets its answer, as without the agent.
   */
  @Test
  void aFailingRecorderNeverReachesTheApplication() throws Exception {
    String classpath = TestApps.classpath("grpc-app");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm server = app(receiver, classpath, System.getProperty("java.home"), "greeter")
            .sysProp("vigil.test.fail_advice", "true").arg("server").start()) {
      int port = server.awaitReady();
      try (AgentJvm client = app(receiver, classpath, System.getProperty("java.home"), "caller")
          .sysProp("vigil.test.fail_advice", "true").arg("client").arg(Integer.toString(port)).start()) {
        client.awaitLine("DONE"::equals, AgentJvm.STARTUP);
        assertThat(client.output()).contains("RESULT Hello hello world0", "RESULT Hello hello world1",
            "RESULT Hello hello world2", "RESULT Relay relayed hello relay", "RESULT Chain hello chain, hello again",
            "RESULT Count 12345", "RESULT Missing NOT_FOUND", "RESULT Boom UNKNOWN");
        assertThat(server.output() + client.output()).as("the faults were met, and reported")
            .contains("vigil.test.fail_advice: RpcCall.");
      }
    }
  }

  private static AgentJvm.Builder app(OtlpReceiver receiver, String classpath, String javaHome, String name) {
    return AgentJvm.builder("org.example.grpc.GrpcApp").classpath(classpath).javaHome(javaHome)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_SERVICE_NAME", name)
        .env("OTEL_BSP_SCHEDULE_DELAY", "100").env("OTEL_METRIC_EXPORT_INTERVAL", "500");
  }

  /** Sum of a count's samples for {@code demo.Greeter/<method>} (any method when null) and further labels. */
  private static double count(Scrape scrape, String name, String method, String... labels) {
    String[] pairs = method == null ? labels : concat(labels, "rpc_method", SERVICE + method);
    return scrape.sum(name, pairs);
  }

  private static String[] concat(String[] labels, String name, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = name;
    all[labels.length + 1] = value;
    return all;
  }

  private static ReceivedSpan named(List<ReceivedSpan> spans, String method) {
    return spans.stream().filter(s -> s.name.equals(SERVICE + method)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + method + " in " + spans));
  }

  private static ReceivedSpan childOf(List<ReceivedSpan> spans, ReceivedSpan parent, String service, SpanKind kind) {
    List<ReceivedSpan> children = of(spans, service, kind).stream()
        .filter(s -> s.parentSpanId.equals(parent.spanId) && s.traceId.equals(parent.traceId))
        .collect(Collectors.toList());
    assertThat(children).as("the child of " + parent + " among " + spans).hasSize(1);
    return children.get(0);
  }

  private static List<ReceivedSpan> of(List<ReceivedSpan> spans, String service, SpanKind kind) {
    return spans.stream().filter(s -> s.kind == kind && service.equals(s.resource.get("service.name")))
        .collect(Collectors.toList());
  }

  /** The count of the last push from {@code service} with a point of {@code metric} for {@code method}. */
  private static long awaitPushedCount(OtlpReceiver receiver, String service, String metric, String method)
      throws InterruptedException {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      for (ExportMetricsServiceRequest r : receiver.metrics()) {
        last = r.getResourceMetricsList().stream()
            .filter(rm -> rm.getResource().getAttributesList().stream().anyMatch(kv -> kv.getKey().equals(
                "service.name") && kv.getValue().getStringValue().equals(service)))
            .flatMap(rm -> rm.getScopeMetricsList().stream()).flatMap(sm -> sm.getMetricsList().stream())
            .filter(m -> m.getName().equals(metric)).flatMap(m -> m.getHistogram().getDataPointsList().stream())
            .filter(p -> method.equals(attr(p, "rpc.method")) && "OK".equals(attr(p, "rpc.response.status_code")))
            .mapToLong(HistogramDataPoint::getCount).max().orElse(last);
      }
      if (last >= 6) {
        return last;
      }
      Thread.sleep(100);
    }
    return last;
  }

  private static String attr(HistogramDataPoint p, String key) {
    return p.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
        .map(v -> v.getStringValue()).filter(Objects::nonNull).findFirst().orElse(null);
  }
}
