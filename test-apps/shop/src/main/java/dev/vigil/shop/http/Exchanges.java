package dev.vigil.shop.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/** What every handler needs: JSON responses, path segments, query parameters and a bounded request body. */
final class Exchanges {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_BODY = 64 * 1024;

  private Exchanges() {}

  interface JsonBody {
    void write(JsonGenerator json) throws IOException;
  }

  static void sendJson(HttpExchange exchange, int status, JsonBody body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      body.write(json);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.size());
    exchange.getResponseBody().write(bytes.toByteArray());
    exchange.close();
  }

  static void sendError(HttpExchange exchange, int status, String message) throws IOException {
    sendJson(exchange, status, json -> {
      json.writeStartObject();
      json.writeStringField("error", message);
      json.writeEndObject();
    });
  }

  /** The path below the handler's context, without leading slashes: "" for /orders, "42" for /orders/42. */
  static String subPath(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String rest = path.substring(Math.min(path.length(), exchange.getHttpContext().getPath().length()));
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    return rest;
  }

  static OptionalLong parseId(String segment) {
    try {
      long id = Long.parseLong(segment);
      return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** A query parameter's value, or null. */
  static String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  /** The request body, or null when it is larger than 64 KiB. */
  static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      return bytes.length > MAX_BODY ? null : bytes;
    }
  }
}
