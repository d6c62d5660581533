package dev.vigil.shop.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the catalogue: one query per call. */
public final class ProductRepository {
  private static final String COLUMNS = "SELECT id, name, price_cents, stock FROM shop_product";
  private final Database db;

  public ProductRepository(Database db) {
    this.db = db;
  }

  public List<Product> all() throws SQLException {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(COLUMNS + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      List<Product> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    }
  }

  /** The ids of the first {@code limit} products. */
  public List<Long> ids(int limit) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM shop_product ORDER BY id LIMIT " + limit);
        ResultSet rs = ps.executeQuery()) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    }
  }

  public Optional<Product> find(long id) throws SQLException {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Product read(ResultSet rs) throws SQLException {
    return new Product(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4));
  }
}
