package dev.vigil.shop.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** {@code GET /error}: always fails, as a bug would; {@link ErrorFilter} turns it into a 500. */
final class ErrorHandler implements HttpHandler {
  @Override
  public void handle(HttpExchange exchange) {
    throw new IllegalStateException("payment provider unavailable (simulated)");
  }
}
