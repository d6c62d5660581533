package dev.vigil.shop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.shop.db.Order;
import dev.vigil.shop.db.OrderRepository;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code POST /orders} with {"product_id": 3, "quantity": 2} places an order; {@code GET /orders/{id}} reads one. */
final class OrdersHandler implements HttpHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final OrderRepository orders;

  OrdersHandler(OrderRepository orders) {
    this.orders = orders;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String sub = Exchanges.subPath(exchange);
    String method = exchange.getRequestMethod();
    try {
      if (sub.isEmpty() && "POST".equals(method)) {
        place(exchange);
      } else if (!sub.isEmpty() && "GET".equals(method)) {
        read(exchange, sub);
      } else {
        Exchanges.sendError(exchange, 405, "method not allowed");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("order query failed", e);
    }
  }

  private void place(HttpExchange exchange) throws IOException, SQLException {
    byte[] body = Exchanges.body(exchange);
    if (body == null) {
      Exchanges.sendError(exchange, 413, "body too large");
      return;
    }
    JsonNode request;
    try {
      request = MAPPER.readTree(body);
    } catch (IOException e) {
      Exchanges.sendError(exchange, 400, "body is not JSON");
      return;
    }
    long productId = request == null ? 0 : request.path("product_id").asLong(0);
    int quantity = request == null ? 0 : request.path("quantity").asInt(1);
    if (productId <= 0 || quantity < 1 || quantity > 100) {
      Exchanges.sendError(exchange, 400, "need product_id > 0 and quantity 1..100");
      return;
    }
    Optional<Order> order = orders.place(productId, quantity);
    if (order.isEmpty()) {
      Exchanges.sendError(exchange, 422, "no such product");
      return;
    }
    exchange.getResponseHeaders().set("Location", "/orders/" + order.get().id());
    write(exchange, 201, order.get());
  }

  private void read(HttpExchange exchange, String sub) throws IOException, SQLException {
    OptionalLong id = Exchanges.parseId(sub);
    Optional<Order> order = id.isPresent() ? orders.find(id.getAsLong()) : Optional.empty();
    if (order.isEmpty()) {
      Exchanges.sendError(exchange, 404, "no such order");
      return;
    }
    write(exchange, 200, order.get());
  }

  private static void write(HttpExchange exchange, int status, Order o) throws IOException {
    Exchanges.sendJson(exchange, status, json -> {
      json.writeStartObject();
      json.writeNumberField("id", o.id());
      json.writeNumberField("product_id", o.productId());
      json.writeStringField("product_name", o.productName());
      json.writeNumberField("quantity", o.quantity());
      json.writeNumberField("total_cents", o.totalCents());
      json.writeStringField("created_at", o.createdAt().toString());
      json.writeEndObject();
    });
  }
}
