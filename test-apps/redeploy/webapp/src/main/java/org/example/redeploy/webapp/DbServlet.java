package org.example.redeploy.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code GET /db/<n>}: one prepared statement on an in-memory H2 database, through the webapp's own driver. */
public final class DbServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    int n = Integer.parseInt(req.getPathInfo().substring(1));
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:redeploy");
        PreparedStatement s = c.prepareStatement("SELECT ? + 1")) {
      s.setInt(1, n);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        resp.setContentType("text/plain");
        resp.getWriter().print("db " + r.getInt(1));
      }
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
