package org.example.servers.jetty12;

import java.net.InetSocketAddress;
import java.util.EnumSet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.example.servers.app.Mappings;
import org.example.servers.app.ServletApp;

/** The servlet app on embedded Jetty 12, ee10 (Servlet 6.0). */
public final class Jetty12App {
  public static void main(String[] args) throws Exception {
    Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath(ServletApp.CONTEXT_PATH);
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    context.setErrorHandler(errors);
    ServletApp.register(new Mappings() {
      @Override
      public void servlet(String name, Servlet servlet, String... patterns) {
        ServletHolder holder = new ServletHolder(name, servlet);
        holder.setAsyncSupported(true);
        for (String pattern : patterns) {
          context.addServlet(holder, pattern);
        }
      }

      @Override
      public void filter(String name, Filter filter, String pattern) {
        context.addFilter(new FilterHolder(filter), pattern, EnumSet.of(DispatcherType.REQUEST));
      }

      @Override
      public void exceptionErrorPage(String location) {
        errors.addErrorPage(Throwable.class, location);
      }
    });
    server.setHandler(context);
    server.start();
    ServletApp.ready(((ServerConnector) server.getConnectors()[0]).getLocalPort());
    server.join();
  }
}
