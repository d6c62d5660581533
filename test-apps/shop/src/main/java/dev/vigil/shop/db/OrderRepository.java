package dev.vigil.shop.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Places orders (price look-up and insert in one transaction) and reads them back with their product's name. */
public final class OrderRepository {
  private final Database db;

  public OrderRepository(Database db) {
    this.db = db;
  }

  /** Returns the new order, or empty when the product does not exist. */
  public Optional<Order> place(long productId, int quantity) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Optional<Order> order = place(c, productId, quantity);
        c.commit();
        return order;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static Optional<Order> place(Connection c, long productId, int quantity) throws SQLException {
    String name;
    long price;
    try (PreparedStatement ps = c.prepareStatement("SELECT name, price_cents FROM shop_product WHERE id = ?")) {
      ps.setLong(1, productId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        name = rs.getString(1);
        price = rs.getLong(2);
      }
    }
    Instant now = Instant.now();
    long total = price * quantity;
    String insert = "INSERT INTO shop_order (product_id, quantity, total_cents, created_at) VALUES (?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(insert, new String[] {"id"})) {
      ps.setLong(1, productId);
      ps.setInt(2, quantity);
      ps.setLong(3, total);
      ps.setTimestamp(4, Timestamp.from(now));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return Optional.of(new Order(keys.getLong(1), productId, name, quantity, total, now));
      }
    }
  }

  public Optional<Order> find(long id) throws SQLException {
    String sql = "SELECT o.id, o.product_id, p.name, o.quantity, o.total_cents, o.created_at"
        + " FROM shop_order o JOIN shop_product p ON p.id = o.product_id WHERE o.id = ?";
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Order(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
            rs.getTimestamp(6).toInstant()));
      }
    }
  }
}
