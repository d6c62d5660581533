package dev.vigil.shop.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shop's own error handling, as services have: a handler's exception becomes a logged 500 with a JSON body. */
final class ErrorFilter extends Filter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorFilter.class);

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    try {
      chain.doFilter(exchange);
    } catch (Exception e) {
      LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
      if (exchange.getResponseCode() == -1) {
        Exchanges.sendError(exchange, 500, "internal error");
      } else {
        exchange.close();
      }
    }
  }

  @Override
  public String description() {
    return "turns handler exceptions into 500 responses";
  }
}
