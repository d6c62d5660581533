package dev.vigil.shop.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.shop.db.Product;
import dev.vigil.shop.db.ProductRepository;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /stock-report}: a deliberate N+1, as ORMs write them by accident: one query for the first
 * {@link #ITEMS} product ids, then one query per product. Vigil should flag it.
 */
final class StockReportHandler implements HttpHandler {
  static final int ITEMS = 8;
  private final ProductRepository products;

  StockReportHandler(ProductRepository products) {
    this.products = products;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      Exchanges.sendError(exchange, 405, "method not allowed");
      return;
    }
    List<Product> report = new ArrayList<>();
    try {
      for (long id : products.ids(ITEMS)) {
        products.find(id).ifPresent(report::add);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("stock report failed", e);
    }
    Exchanges.sendJson(exchange, 200, json -> {
      json.writeStartArray();
      for (Product p : report) {
        ProductsHandler.write(json, p);
      }
      json.writeEndArray();
    });
  }
}
