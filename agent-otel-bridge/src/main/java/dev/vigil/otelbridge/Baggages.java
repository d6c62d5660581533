package dev.vigil.otelbridge;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import java.util.ArrayList;
import java.util.List;

/** Baggage between the application's API and key, value, metadata triples. */
final class Baggages {
  private Baggages() {}

  static Baggage toApp(String[] triples) {
    BaggageBuilder b = Baggage.builder();
    for (int i = 0; i + 2 < triples.length; i += 3) {
      b.put(triples[i], triples[i + 1], BaggageEntryMetadata.create(triples[i + 2] == null ? "" : triples[i + 2]));
    }
    return b.build();
  }

  static String[] toVigil(Baggage baggage) {
    if (baggage == null) {
      return new String[0];
    }
    List<String> out = new ArrayList<>(3 * baggage.size());
    baggage.forEach((key, entry) -> {
      out.add(key);
      out.add(entry.getValue());
      out.add(entry.getMetadata() == null ? "" : entry.getMetadata().getValue());
    });
    return out.toArray(new String[0]);
  }
}
