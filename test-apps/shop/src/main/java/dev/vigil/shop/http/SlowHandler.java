package dev.vigil.shop.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /slow}: waits about 300 ms, as a call to a sluggish downstream would; it holds a worker meanwhile. */
final class SlowHandler implements HttpHandler {
  static final long DELAY_MS = 300;

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Thread.sleep(DELAY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Exchanges.sendJson(exchange, 200, json -> {
      json.writeStartObject();
      json.writeNumberField("waited_ms", DELAY_MS);
      json.writeEndObject();
    });
  }
}
