package dev.vigil.agent.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** One endpoint of an instance's {@code /vigil/api/samples}: window counts and sorted latencies in milliseconds. */
final class RouteSamples {
  private static final JsonFactory JSON = new JsonFactory();

  final String method;
  final String route;
  final long count;
  final long errors;
  final double windowSeconds;
  /** Ascending. */
  final double[] latenciesMs;

  RouteSamples(String method, String route, long count, long errors, double windowSeconds, double[] latenciesMs) {
    this.method = method;
    this.route = route;
    this.count = count;
    this.errors = errors;
    this.windowSeconds = windowSeconds;
    this.latenciesMs = latenciesMs.clone();
    Arrays.sort(this.latenciesMs);
  }

  String key() {
    return method + " " + route;
  }

  /** The routes of a samples document by "METHOD route"; IOException when it is not one. */
  static Map<String, RouteSamples> parse(InputStream in) throws IOException {
    Map<String, RouteSamples> routes = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(in)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.getCurrentName();
        p.nextToken();
        if (field.equals("routes") && p.currentToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            RouteSamples r = route(p);
            routes.put(r.key(), r);
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return routes;
  }

  private static RouteSamples route(JsonParser p) throws IOException {
    String method = null;
    String route = null;
    long count = 0;
    long errors = 0;
    double window = 0;
    double[] latencies = new double[64];
    int size = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.getCurrentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "method": method = p.getValueAsString(); break;
        case "route": route = p.getValueAsString(); break;
        case "count": count = p.getValueAsLong(); break;
        case "errors": errors = p.getValueAsLong(); break;
        case "window_seconds": window = p.getValueAsDouble(); break;
        case "samples_ms":
          expect(value == JsonToken.START_ARRAY, "samples_ms as an array");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p.currentToken().isNumeric(), "numbers in samples_ms");
            if (size == latencies.length) {
              latencies = Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = p.getDoubleValue();
          }
          break;
        default: p.skipChildren();
      }
    }
    expect(method != null && route != null, "method and route on every route");
    return new RouteSamples(method, route, count, errors, window, Arrays.copyOf(latencies, size));
  }

  private static void expect(boolean holds, String what) throws IOException {
    if (!holds) {
      throw new IOException("not a samples document: expected " + what);
    }
  }
}
