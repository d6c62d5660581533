package dev.vigil.shop.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.shop.cache.ProductCache;
import dev.vigil.shop.db.Product;
import dev.vigil.shop.db.ProductRepository;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /products} (the catalogue) and {@code GET /products/{id}} (one product: one query, or with a Redis cache a
 * GET, and on a miss one query and a SETEX).
 */
final class ProductsHandler implements HttpHandler {
  private final ProductRepository products;
  private final ProductCache cache;

  /** {@code cache} may be null (no Redis). */
  ProductsHandler(ProductRepository products, ProductCache cache) {
    this.products = products;
    this.cache = cache;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      Exchanges.sendError(exchange, 405, "method not allowed");
      return;
    }
    String sub = Exchanges.subPath(exchange);
    try {
      if (sub.isEmpty()) {
        List<Product> all = products.all();
        Exchanges.sendJson(exchange, 200, json -> {
          json.writeStartArray();
          for (Product p : all) {
            write(json, p);
          }
          json.writeEndArray();
        });
        return;
      }
      OptionalLong id = Exchanges.parseId(sub);
      Optional<Product> product = id.isEmpty() ? Optional.empty()
          : cache == null ? products.find(id.getAsLong()) : cache.find(id.getAsLong(), products::find);
      if (product.isEmpty()) {
        Exchanges.sendError(exchange, 404, "no such product");
        return;
      }
      Exchanges.sendJson(exchange, 200, json -> write(json, product.get()));
    } catch (SQLException e) {
      throw new IllegalStateException("catalogue query failed", e);
    }
  }

  static void write(JsonGenerator json, Product p) throws IOException {
    json.writeStartObject();
    json.writeNumberField("id", p.id());
    json.writeStringField("name", p.name());
    json.writeNumberField("price_cents", p.priceCents());
    json.writeNumberField("stock", p.stock());
    json.writeEndObject();
  }
}
