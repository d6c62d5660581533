package org.example.redeploy.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code GET /pool}: a task on the webapp's own thread pool, awaited (the agent carries the trace context over). */
public final class PoolServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ExecutorService pool = (ExecutorService) getServletContext().getAttribute(Lifecycle.POOL);
    try {
      String answer = pool.submit(() -> "pooled on " + Thread.currentThread().getName().replaceAll("\\d+$", ""))
          .get(60, TimeUnit.SECONDS);
      resp.setContentType("text/plain");
      resp.getWriter().print(answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(e);
    }
  }
}
