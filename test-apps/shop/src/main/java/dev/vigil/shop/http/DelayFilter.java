package dev.vigil.shop.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** Waits before the handler runs when the path starts with a configured prefix ({@code -Dshop.delay}). */
final class DelayFilter extends Filter {
  private final Map<String, Long> delays;

  DelayFilter(Map<String, Long> delays) {
    this.delays = delays;
  }

  boolean any() {
    return !delays.isEmpty();
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String path = exchange.getRequestURI().getPath();
    for (Map.Entry<String, Long> d : delays.entrySet()) {
      if (path.startsWith(d.getKey())) {
        try {
          Thread.sleep(d.getValue());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        break;
      }
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "slows configured paths (shop.delay)";
  }
}
