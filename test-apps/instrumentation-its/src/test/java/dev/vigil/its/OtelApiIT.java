package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.Services;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An application instrumented by hand with the OpenTelemetry API (test-apps/otel-api-app) joins Vigil's trace: its
 * manual span, its {@code @WithSpan} method and the attribute it sets on the current span sit in Vigil's server span's
 * trace, Vigil's JDBC span is a child of its manual span, and the caller's baggage reaches {@code Baggage.current()};
 * its spans keep their tracer's scope, explicit times, links and the caller's trace state; its async {@code @WithSpan}
 * methods end on completion; every kind of instrument it records with is on /metrics and in the OTLP push; its Logs
 * Bridge record is in the OTLP log export; with the current API and with one about two years older. Without Vigil the
 * same application runs on the no-op API.
 */
class OtelApiIT {
  private static final String MODULE = "otel-api-app";
  private static final String MAIN = "dev.vigil.otelapiapp.OtelApiApp";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String[] SWAPPED = {"opentelemetry-api-", "opentelemetry-context-",
    "opentelemetry-instrumentation-annotations-"};

  @Test
  void currentApi() throws Exception {
    run(TestApps.classpath(MODULE));
  }

  @Test
  void oldestSupportedApi() throws Exception {
    run(oldestClasspath());
  }

  @Test
  void withoutVigilTheApiIsANoOp() throws Exception {
    Services.require("PostgreSQL", 5432);
    try (AgentJvm app = app(TestApps.classpath(MODULE)).withoutAgent().start()) {
      HttpResponse<String> r = Http.get("http://127.0.0.1:" + app.awaitReady() + "/work", "baggage", "tenant=acme",
          "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("rows=1", "price=9.99", "audit=audit unavailable for 42", "baggage=null",
          "valid=false", "traceparent=null", "appKey=kept", "ownSpanKept=true");
    }
  }

  private void run(String classpath) throws Exception {
    Services.require("PostgreSQL", 5432);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = app(classpath).env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "100").env("OTEL_METRIC_EXPORT_INTERVAL", "300").start()) {
      HttpResponse<String> r = Http.get("http://127.0.0.1:" + app.awaitReady() + "/work", "baggage", "tenant=acme",
          "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "tracestate", "congo=t61rcWkgMzE");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.kind == SpanKind.SPAN_KIND_SERVER),
          AgentJvm.PATIENCE);
      ReceivedSpan server = spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER).findFirst().get();
      assertThat(server.traceId).isEqualTo(TRACE_ID);
      assertThat(server.parentSpanId).isEqualTo(PARENT_ID);
      assertThat(server.attributes).as("Span.current() in the handler is Vigil's server span")
          .containsEntry("app.user", "alice");
      List<ReceivedSpan> trace = spans.stream().filter(s -> s.traceId.equals(TRACE_ID)).collect(Collectors.toList());
      ReceivedSpan manual = TracingIT.one(trace, "load-orders");
      assertThat(manual.parentSpanId).isEqualTo(server.spanId);
      assertThat(manual.kind).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
      assertThat(manual.attributes).containsEntry("app.orders.loaded", "1");
      assertThat(trace).as("Vigil's JDBC span under the application's manual span").anySatisfy(s -> {
        assertThat(s.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(s.parentSpanId).isEqualTo(manual.spanId);
        assertThat(s.attributes).containsEntry("db.system.name", "postgresql");
      });
      assertThat(manual.scope + " " + manual.scopeVersion).as("the tracer's scope").isEqualTo("otel-api-app 1.0");
      assertThat(manual.traceState).as("the caller's trace state").isEqualTo("congo=t61rcWkgMzE");
      assertThat(r.body()).contains("traceState=t61rcWkgMzE");
      replay(TracingIT.one(trace, "replay"));
      logRecord(receiver, manual);
      ReceivedSpan price = TracingIT.one(trace, "price");
      assertThat(price.parentSpanId).isEqualTo(server.spanId);
      assertThat(price.attributes).containsEntry("item.id", "42").containsEntry("pricing.currency", "EUR");
      ReceivedSpan quote = TracingIT.one(trace, "quote");
      assertThat(quote.parentSpanId).isEqualTo(server.spanId);
      assertThat(quote.attributes).containsEntry("item.id", "42");
      assertThat(quote.endEpochNanos - quote.startEpochNanos).as("ends when the future completes, 50 ms later")
          .isGreaterThanOrEqualTo(45_000_000L);
      ReceivedSpan reserve = TracingIT.one(trace, "reserve");
      assertThat(reserve.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(reserve.attributes).as("the stage's cause, not CompletionException")
          .containsEntry("error.type", "java.lang.IllegalStateException");
      assertThat(reserve.endEpochNanos - reserve.startEpochNanos).isGreaterThanOrEqualTo(15_000_000L);
      assertThat(r.body()).contains("quote=7.50", "reserve=failed");
      ReceivedSpan audit = TracingIT.one(trace, "Pricing.audit");
      assertThat(audit.parentSpanId).isEqualTo(server.spanId);
      assertThat(audit.kind).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
      assertThat(audit.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(audit.events).anyMatch(e -> e.name.equals("exception"));
      assertThat(r.body()).contains("audit=audit unavailable for 42", "baggage=acme", "traceId=" + TRACE_ID,
          "valid=true", "traceparent=00-" + TRACE_ID + "-" + manual.spanId + "-01", "manualSpanId=" + manual.spanId,
          "appKey=kept", "ownSpanKept=true");

      Scrape scrape = app.awaitScrape(x -> x.sum("app_orders_total") >= 1);
      assertThat(scrape.sum("app_orders_total", "app_tier", "gold")).as("the app's counter on /metrics").isEqualTo(1);
      assertThat(pushedCounter(receiver)).as("the app's counter in the OTLP push").isTrue();
      instruments(app, receiver);
    }
  }

  /** The record the application emitted through the Logs Bridge inside its manual span, in Vigil's OTLP log export. */
  private static void logRecord(OtlpReceiver receiver, ReceivedSpan manual) throws InterruptedException {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      List<LogRecord> records = receiver.logs().stream().flatMap(r -> r.getResourceLogsList().stream())
          .flatMap(rl -> rl.getScopeLogsList().stream()).flatMap(sl -> sl.getLogRecordsList().stream())
          .filter(l -> l.getBody().getStringValue().equals("order 42 is late")).collect(Collectors.toList());
      if (!records.isEmpty()) {
        LogRecord record = records.get(0);
        assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
        assertThat(HexFormat.of().formatHex(record.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
        assertThat(HexFormat.of().formatHex(record.getSpanId().toByteArray())).isEqualTo(manual.spanId);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the Logs Bridge record was not exported; received " + receiver.logRecords());
  }

  /** A span with an explicit start and end time and two links (on the builder, and added to the span). */
  private static void replay(ReceivedSpan replay) {
    assertThat(replay.startEpochNanos).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(replay.endEpochNanos).isEqualTo(1_700_000_000_128_456_789L);
    assertThat(replay.links).hasSize(2);
    Span.Link producer = replay.links.get(0);
    assertThat(HexFormat.of().formatHex(producer.getTraceId().toByteArray()))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(HexFormat.of().formatHex(producer.getSpanId().toByteArray())).isEqualTo("b7ad6b7169203331");
    assertThat(producer.getTraceState()).isEqualTo("vendor=a1");
    assertThat(producer.getAttributes(0).getKey()).isEqualTo("link.kind");
    assertThat(producer.getAttributes(0).getValue().getStringValue()).isEqualTo("cause");
    assertThat(HexFormat.of().formatHex(replay.links.get(1).getSpanId().toByteArray())).isEqualTo("00000000000000aa");
  }

  /** Every other kind of instrument, on /metrics and in the OTLP push; broken and slow callbacks change nothing. */
  private static void instruments(AgentJvm app, OtlpReceiver receiver) throws InterruptedException {
    Scrape scrape = app.awaitScrape(x -> x.sum("app_batch_second_total") == 2 && x.sum("app_slow") == 1
        && x.sum("app_jobs_done_total") == 41 && x.sum("app_sessions_active") == 3.5 && x.sum("app_pool_size") == 7);
    assertThat(scrape.sum("app_queue_depth", "queue", "orders")).as("up-down counter").isEqualTo(2);
    assertThat(bucket(scrape, "app_order_amount_bucket", 10)).as("advised buckets").isEqualTo(0);
    assertThat(bucket(scrape, "app_order_amount_bucket", 100)).isEqualTo(1);
    assertThat(scrape.sum("app_order_amount_sum")).isEqualTo(42.5);
    assertThat(bucket(scrape, "app_payload_size_bytes_bucket", 100)).as("long histogram, unit By").isEqualTo(0);
    assertThat(bucket(scrape, "app_payload_size_bytes_bucket", 1000)).isEqualTo(1);
    assertThat(scrape.sum("app_temperature")).as("gauge set").isEqualTo(21.5);
    assertThat(scrape.sum("app_pool_size", "pool", "main")).as("observable gauge").isEqualTo(7);
    assertThat(scrape.sum("app_jobs_done_total")).as("observable counter").isEqualTo(41);
    assertThat(scrape.sum("app_sessions_active")).as("observable up-down counter").isEqualTo(3.5);
    assertThat(scrape.sum("app_batch_first")).as("batch callback").isEqualTo(1);
    assertThat(scrape.find("app_broken")).as("a callback that throws gives nothing").isEmpty();

    // a push after the request and after the slow callback's first run (before it, the callbacks after it had not run)
    List<Metric> pushed = awaitPushed(receiver, metrics -> metrics.stream().map(Metric::getName)
        .collect(Collectors.toSet()).containsAll(List.of("app.order.amount", "app.slow", "app.jobs.done",
            "app.pool.size", "app.sessions.active", "app.batch.first", "app.batch.second")));
    assertThat(named(pushed, "app.batch.second").getSum().getDataPoints(0).getAsDouble()).isEqualTo(2);
    Metric amount = named(pushed, "app.order.amount");
    assertThat(amount.getDescription()).isEqualTo("amount per order");
    assertThat(amount.getHistogram().getDataPoints(0).getExplicitBoundsList()).containsExactly(10.0, 100.0);
    assertThat(amount.getHistogram().getDataPoints(0).getBucketCountsList()).containsExactly(0L, 1L, 0L);
    assertThat(named(pushed, "app.payload.size").getUnit()).isEqualTo("By");
    assertThat(named(pushed, "app.queue.depth").getUnit()).isEqualTo("{item}");
    assertThat(named(pushed, "app.queue.depth").getGauge().getDataPoints(0).getAsDouble()).isEqualTo(2);
    assertThat(named(pushed, "app.temperature").getGauge().getDataPoints(0).getAsDouble()).isEqualTo(21.5);
    Metric jobs = named(pushed, "app.jobs.done");
    assertThat(jobs.getSum().getIsMonotonic()).isTrue();
    assertThat(jobs.getSum().getDataPoints(0).getAsDouble()).isEqualTo(41);
    Metric pool = named(pushed, "app.pool.size");
    assertThat(pool.getGauge().getDataPoints(0).getAttributesList())
        .anySatisfy(a -> assertThat(a.getKey() + "=" + a.getValue().getStringValue()).isEqualTo("pool=main"));
  }

  /** The cumulative count of the bucket whose upper bound is {@code le}. */
  private static double bucket(Scrape scrape, String name, double le) {
    return scrape.find(name).stream().filter(s -> !s.labels.get("le").equals("+Inf") && Double.parseDouble(s.labels.get("le")) == le)
        .mapToDouble(s -> s.value).sum();
  }

  /** The metrics of the first push that is {@code ready}. */
  private static List<Metric> awaitPushed(OtlpReceiver receiver, Predicate<List<Metric>> ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (ExportMetricsServiceRequest r : receiver.metrics()) {
        List<Metric> metrics = r.getResourceMetricsList().stream().flatMap(rm -> rm.getScopeMetricsList().stream())
            .flatMap(sm -> sm.getMetricsList().stream()).collect(Collectors.toList());
        if (ready.test(metrics)) {
          return metrics;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no push matched in " + AgentJvm.PATIENCE);
  }

  private static Metric named(List<Metric> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not pushed"));
  }

  /** Polls the OTLP receiver for the application's counter (OTLP names may keep the dots or use underscores). */
  private static boolean pushedCounter(OtlpReceiver receiver) throws InterruptedException {
    long deadline = System.nanoTime() + AgentJvm.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (ExportMetricsServiceRequest r : receiver.metrics()) {
        boolean found = r.getResourceMetricsList().stream().flatMap(rm -> rm.getScopeMetricsList().stream())
            .flatMap(sm -> sm.getMetricsList().stream())
            .anyMatch(m -> (m.getName().equals("app_orders") || m.getName().equals("app.orders")) && m.hasSum()
                && m.getSum().getDataPointsList().stream().anyMatch(p -> p.getAsDouble() == 1 || p.getAsInt() == 1));
        if (found) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static AgentJvm.Builder app(String classpath) {
    return AgentJvm.builder(MAIN).classpath(classpath).arg("jdbc:postgresql://127.0.0.1:5432/test").arg("postgres");
  }

  /** The app's class path with the API and annotations of about two years ago in place of the current ones. */
  private static String oldestClasspath() throws IOException {
    Path oldest = TestApps.directory(MODULE, "target/oldest-api");
    List<String> entries = new ArrayList<>();
    for (String entry : TestApps.classpath(MODULE).split(File.pathSeparator)) {
      String file = Path.of(entry).getFileName().toString();
      if (Stream.of(SWAPPED).noneMatch(file::startsWith)) {
        entries.add(entry);
      }
    }
    try (Stream<Path> jars = Files.list(oldest)) {
      jars.forEach(j -> entries.add(j.toString()));
    }
    assertThat(entries).anyMatch(e -> e.endsWith("opentelemetry-api-1.44.1.jar"));
    return String.join(File.pathSeparator, entries);
  }
}
