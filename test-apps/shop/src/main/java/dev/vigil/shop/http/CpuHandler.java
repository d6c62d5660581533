package dev.vigil.shop.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code GET /cpu?n=50000}: counts the primes below n by trial division, pure CPU work (a few ms by default) that a
 * profiler should find in {@link #countPrimes}. n is capped so that no request can hog a core for long.
 */
final class CpuHandler implements HttpHandler {
  static final int DEFAULT_N = 50_000;
  static final int MAX_N = 500_000;

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    int n = DEFAULT_N;
    String raw = Exchanges.query(exchange, "n");
    if (raw != null) {
      try {
        n = Math.max(2, Math.min(MAX_N, Integer.parseInt(raw)));
      } catch (NumberFormatException e) {
        Exchanges.sendError(exchange, 400, "n must be a number");
        return;
      }
    }
    int below = n;
    int primes = countPrimes(below);
    Exchanges.sendJson(exchange, 200, json -> {
      json.writeStartObject();
      json.writeNumberField("n", below);
      json.writeNumberField("primes", primes);
      json.writeEndObject();
    });
  }

  static int countPrimes(int below) {
    int count = 0;
    for (int candidate = 2; candidate < below; candidate++) {
      boolean prime = true;
      for (int d = 2; (long) d * d <= candidate; d++) {
        if (candidate % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        count++;
      }
    }
    return count;
  }
}
