package org.example.redeploy.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /hello}: answers and logs one line through the webapp's own Logback. */
public final class HelloServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(HelloServlet.class);

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    LOG.warn("hello from the webapp");
    resp.setContentType("text/plain");
    resp.getWriter().print("hello");
  }
}
