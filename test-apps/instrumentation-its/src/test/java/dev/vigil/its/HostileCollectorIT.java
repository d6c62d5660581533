package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.its.apps.ExitOnStdin;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileCollector;
import dev.vigil.its.support.HostileCollector.Behaviour;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import java.io.File;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shop with the real jar (512 MB heap, traces at 100 %, metrics pushed every second) exporting to a collector that
 * misbehaves: the application keeps serving, every export ends within its timeout and is counted (timeout or
 * failure), the heap stays bounded, and the JVM exits within vigil.exporter.shutdown.timeout (5 s) both after SIGTERM
 * and after System.exit. One HostileReport line per case.
 */
@Execution(ExecutionMode.CONCURRENT) // a third of the suite's time: its cases share both lanes
class HostileCollectorIT {
  private static final String SPANS_DROPPED = "vigil_exporter_spans_dropped_total";
  private static final long OTLP_TIMEOUT_MILLIS = 2_000;
  private static final long SHUTDOWN_MILLIS = 5_000;
  /** JVM start and teardown beside the agent's bounded shutdown (the shop's own hook stops its server). */
  private static final long EXIT_SLACK_MILLIS = 1_500;
  /** The peer never answers, or too slowly: the export must end as a timeout. */
  private static final Set<Behaviour> TIMES_OUT = EnumSet.of(Behaviour.SILENT, Behaviour.ANSWERS_AFTER_3S,
      Behaviour.ONE_BYTE_A_SECOND, Behaviour.H2_SILENT);
  /** An answer past a cap (line, headers, body, frame size, header bytes): the export fails at once. */
  private static final Set<Behaviour> FAILS = EnumSet.of(Behaviour.ENDLESS_HEADERS, Behaviour.OVERSIZED_FRAME,
      Behaviour.OVERSIZED_HEADERS);
  /** Floods meet the gRPC byte budget (a failure), or on a starved machine the timeout first: either ends them. */
  private static final String FAILS_OR_TIMES_OUT = "export_failed or timeout";

  @ParameterizedTest
  @EnumSource(Behaviour.class)
  void theShopKeepsServingExportsEndAndTheJvmExitsInTime(Behaviour behaviour) throws Exception {
    assumeSelected(behaviour.name());
    try (HostileCollector collector = HostileCollector.start(behaviour)) {
      run(behaviour.name(), collector.endpoint(), behaviour.http2, TIMES_OUT.contains(behaviour) ? "timeout"
          : FAILS.contains(behaviour) ? "export_failed" : FAILS_OR_TIMES_OUT,
          () -> collector.bytesSent() + " bytes pushed over " + collector.connections() + " connections");
    }
  }

  @Test
  void closedPort() throws Exception {
    assumeSelected("CLOSED_PORT");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // nothing listens there once closed
    }
    run("CLOSED_PORT", "http://127.0.0.1:" + port, false, "export_failed", () -> "connection refused");
  }

  /** {@code -Dhostile.cases=PING_FLOOD,SILENT} runs only those cases. */
  private static void assumeSelected(String name) {
    String only = System.getProperty("hostile.cases", "");
    assumeTrue(only.isEmpty() || List.of(only.split(",")).contains(name), "not in -Dhostile.cases=" + only);
  }

  private static void run(String name, String endpoint, boolean grpc, String expectedReason,
      java.util.function.Supplier<String> peer) throws Exception {
    try (AgentJvm term = shop(endpoint, grpc, false).start()) {
      String base = "http://127.0.0.1:" + term.awaitReady(); // one start at a time: a busy machine starts each faster
      try (AgentJvm exit = shop(endpoint, grpc, true).start()) {
        run(name, grpc, expectedReason, peer, term, base, exit, "http://127.0.0.1:" + exit.awaitReady());
      }
    }
  }

  private static void run(String name, boolean grpc, String expectedReason, java.util.function.Supplier<String> peer,
      AgentJvm term, String base, AgentJvm exit, String exitBase) throws Exception {
    double heapBefore = heapMb(new Scrape(term.scrape()));
    int served = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Scrape scrape = new Scrape(term.scrape());
    while (System.nanoTime() < deadline && (served < 300 || dropped(scrape, expectedReason) < 1)) {
      for (int i = 0; i < 50; i++, served++) {
        assertThat(Http.get(base + "/products/" + (i % 20 + 1)).statusCode()).isEqualTo(200);
        assertThat(Http.get(exitBase + "/products/" + (i % 20 + 1)).statusCode()).isEqualTo(200);
      }
      scrape = new Scrape(term.scrape());
    }
    assertThat(dropped(scrape, expectedReason)).as("exports ended and counted (%s): %s", expectedReason,
        scrape.find(SPANS_DROPPED)).isGreaterThanOrEqualTo(1);
    assertThat(scrape.sum("vigil_exporter_spans_exported_total")).isZero();
    double heapAfter = heapMb(scrape);
    double retained = scrape.sum("jvm_memory_used_after_last_gc_bytes", "jvm_memory_type", "heap") / (1 << 20);
    assertThat(retained).as("heap after the last GC, MB (512 MB max; about 55 at rest)").isLessThan(128);
    String metricsDropped = "metrics pushes dropped " + (long) scrape.sum("vigil_exporter_metrics_dropped_total");

    long termMillis = exitTime(term, () -> term.process().destroy());
    long exitMillis = exitTime(exit, () -> {
      OutputStream stdin = exit.process().getOutputStream();
      stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    });
    HostileReport.print("collector " + name + (grpc ? " (grpc)" : " (http/protobuf)"),
        2 * served + " requests, all 200",
        peer.get() + "; " + (long) scrape.sum("vigil_exporter_spans_ended_total") + " spans ended",
        "exports every 200 ms, OTLP timeout " + OTLP_TIMEOUT_MILLIS + " ms",
        "spans dropped " + describe(scrape) + ", " + metricsDropped + "; exit " + seconds(termMillis)
            + " s after SIGTERM, " + seconds(exitMillis) + " s after System.exit; heap " + Math.round(heapBefore)
            + " -> " + Math.round(heapAfter) + " MB (after GC " + Math.round(retained) + " MB)");
    assertThat(termMillis).as("exit after SIGTERM").isLessThan(SHUTDOWN_MILLIS + EXIT_SLACK_MILLIS);
    assertThat(exitMillis).as("exit after System.exit").isLessThan(SHUTDOWN_MILLIS + EXIT_SLACK_MILLIS);
  }

  private static AgentJvm.Builder shop(String endpoint, boolean grpc, boolean exitOnStdin) {
    String shopJar = System.getProperty("vigil.shop.jar");
    AgentJvm.Builder b = AgentJvm.builder(ExitOnStdin.class.getName())
        .classpath(shopJar + File.pathSeparator + System.getProperty("its.test.classes")).arg("dev.vigil.shop.ShopMain");
    if (!exitOnStdin) {
      b = AgentJvm.builderForJar(java.nio.file.Paths.get(shopJar));
    }
    return b.jvmArg("-Xmx512m").sysProp("shop.port", "0")
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint).env("OTEL_EXPORTER_OTLP_PROTOCOL", grpc ? "grpc" : "http/protobuf")
        .env("OTEL_EXPORTER_OTLP_TIMEOUT", String.valueOf(OTLP_TIMEOUT_MILLIS)).env("OTEL_BSP_SCHEDULE_DELAY", "200")
        .env("OTEL_METRIC_EXPORT_INTERVAL", "1000").env("OTEL_SERVICE_NAME", "hostile-shop");
  }

  private interface Action {
    void run() throws Exception;
  }

  private static long exitTime(AgentJvm app, Action stop) throws Exception {
    long start = System.nanoTime();
    stop.run();
    assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).as("the JVM exited:\n" + app.output()).isTrue();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static double dropped(Scrape s, String reason) {
    return reason.equals(FAILS_OR_TIMES_OUT)
        ? s.sum(SPANS_DROPPED, "reason", "export_failed") + s.sum(SPANS_DROPPED, "reason", "timeout")
        : s.sum(SPANS_DROPPED, "reason", reason);
  }

  private static String describe(Scrape s) {
    StringBuilder b = new StringBuilder();
    for (String reason : List.of("timeout", "export_failed", "queue_full")) {
      b.append(b.length() == 0 ? "" : " ").append(reason).append('=').append((long) s.sum(SPANS_DROPPED, "reason",
          reason));
    }
    return b.toString();
  }

  private static double heapMb(Scrape s) {
    return s.sum("jvm_memory_used_bytes", "jvm_memory_type", "heap") / (1 << 20);
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
  }
}
