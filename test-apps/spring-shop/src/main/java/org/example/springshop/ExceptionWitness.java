package org.example.springshop;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** Prints what propagates out of Spring MVC, so a test can check the app sees its own exception, unchanged. */
class ExceptionWitness implements Filter {
  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
    try {
      chain.doFilter(req, resp);
    } catch (ServletException | RuntimeException e) {
      // Spring MVC wraps a controller's exception in a ServletException
      Throwable app = e instanceof ServletException && e.getCause() != null ? e.getCause() : e;
      System.out.println("CAUGHT " + app.getClass().getName() + ": " + app.getMessage() + " identity="
          + (app == OwnerController.lastThrown ? "same" : "different"));
      throw e;
    }
  }
}
