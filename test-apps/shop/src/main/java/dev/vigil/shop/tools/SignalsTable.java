package dev.vigil.shop.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Prints the agent's golden signals ({@code /vigil/signals}) as a table, one row per endpoint:
 * {@code java -cp vigil-shop.jar dev.vigil.shop.tools.SignalsTable http://127.0.0.1:9464/vigil/signals}.
 */
public final class SignalsTable {
  private static final String ROW = "%-6s %-20s %8s %7s %8s %8s %8s %8s %6s %9s%n";

  private SignalsTable() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:9464/vigil/signals";
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      System.err.println("GET " + url + " answered " + response.statusCode());
      System.exit(1);
    }
    print(new ObjectMapper().readTree(response.body()), System.out);
  }

  static void print(JsonNode signals, PrintStream out) {
    out.printf("Golden signals of %s over the last %s s (from /vigil/signals)%n%n",
        signals.path("service").asText("?"), signals.path("window_seconds").asText("?"));
    out.printf(ROW, "METHOD", "ROUTE", "RATE/s", "ERROR%", "P50 ms", "P90 ms", "P99 ms", "P99.9 ms", "APDEX",
        "IN FLIGHT");
    for (JsonNode e : signals.path("endpoints")) {
      JsonNode errors = e.path("error_ratio");
      out.printf(ROW, e.path("method").asText(), e.path("route").asText(), num(e.path("rate_per_second"), 1),
          errors.isNumber() ? String.format("%.1f", errors.asDouble() * 100) : "-",
          num(e.path("p50_ms"), 1), num(e.path("p90_ms"), 1), num(e.path("p99_ms"), 1), num(e.path("p999_ms"), 1),
          num(e.path("apdex"), 2), e.path("in_flight").asText("-"));
    }
    if (signals.path("endpoints").isEmpty()) {
      out.println("(no requests recorded yet)");
    }
  }

  /** Missing or null (no data in the window) prints as "-". */
  private static String num(JsonNode value, int decimals) {
    return value.isNumber() ? String.format("%." + decimals + "f", value.asDouble()) : "-";
  }
}
