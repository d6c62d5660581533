package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inbound headers are bounded and a propagator failure never escapes. */
class BoundedPropagatorTest {
  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<Map<String, String>>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /**
   * The unrelocated SDK logs every malformed baggage member through java.util.logging with a stack trace; in the agent
   * jar those calls go to the agent's debug log (logging/jul). Silenced here the same way: expected bad input.
   */
  private static final Logger OTEL_LOG = Logger.getLogger("io.opentelemetry");
  private static Level otelLevel;

  private final TextMapPropagator propagator = new BoundedPropagator(PropagatorConfig.parse(null));

  @BeforeAll
  static void quietSdk() {
    otelLevel = OTEL_LOG.getLevel();
    OTEL_LOG.setLevel(Level.OFF);
  }

  @AfterAll
  static void restoreSdk() {
    OTEL_LOG.setLevel(otelLevel);
  }

  private Context extract(Map<String, String> headers) {
    return propagator.extract(Context.root(), headers, GETTER);
  }

  @Test
  void aValidParentIsExtracted() {
    Context c = extract(Map.of("traceparent", PARENT, "baggage", "tenant=acme"));
    assertThat(Span.fromContext(c).getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(Baggage.fromContext(c).getEntryValue("tenant")).isEqualTo("acme");
  }

  @Test
  void oversizedHeadersAreIgnored() {
    Context c = extract(Map.of("traceparent", PARENT + "-" + "a".repeat(9000),
        "baggage", "k=" + "v".repeat(BoundedPropagator.MAX_HEADER_LENGTH)));
    assertThat(Span.fromContext(c).getSpanContext().isValid()).isFalse();
    assertThat(Baggage.fromContext(c).isEmpty()).isTrue();
  }

  @Test
  void baggageEntriesAreCapped() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      b.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
    }
    Baggage baggage = Baggage.fromContext(extract(Map.of("baggage", b.toString())));
    assertThat(baggage.size()).isEqualTo(BoundedPropagator.MAX_BAGGAGE_ENTRIES);
  }

  @Test
  void aThrowingPropagatorLeavesTheContextAsItWas() {
    TextMapPropagator throwing = new TextMapPropagator() {
      @Override
      public Collection<String> fields() {
        return java.util.List.of();
      }

      @Override
      public <C> void inject(Context context, C carrier, io.opentelemetry.context.propagation.TextMapSetter<C> s) {}

      @Override
      public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
        throw new IllegalStateException("broken");
      }
    };
    Context root = Context.root();
    assertThat(new BoundedPropagator(throwing).extract(root, Map.of(), GETTER)).isSameAs(root);
  }

  @Test
  void randomHeadersNeverThrowAndNeverYieldAnInvalidParent() {
    Random r = new Random(7);
    String alphabet = "0123456789abcdef-_=,;%. \tXYZ";
    for (int i = 0; i < 5_000; i++) {
      Map<String, String> h = new HashMap<>();
      h.put("traceparent", random(r, alphabet, r.nextInt(80)));
      h.put("tracestate", random(r, alphabet, r.nextInt(300)));
      h.put("baggage", random(r, alphabet, r.nextInt(300)));
      Context c = extract(h);
      assertThat(Span.fromContext(c).getSpanContext().isValid() && !h.get("traceparent").startsWith("00-")).isFalse();
    }
  }

  private static String random(Random r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
