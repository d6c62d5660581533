package org.example.servers.undertow;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ErrorPage;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.net.InetSocketAddress;
import org.example.servers.app.Mappings;
import org.example.servers.app.ServletApp;

/** The servlet app on embedded Undertow (the servlet container of WildFly and of Spring Boot's undertow starter). */
public final class UndertowApp {
  public static void main(String[] args) throws Exception {
    DeploymentInfo app = Servlets.deployment().setClassLoader(UndertowApp.class.getClassLoader())
        .setContextPath(ServletApp.CONTEXT_PATH).setDeploymentName("app.war");
    ServletApp.register(new Mappings() {
      @Override
      public void servlet(String name, Servlet servlet, String... patterns) {
        app.addServlet(Servlets.servlet(name, servlet.getClass(), new ImmediateInstanceFactory<>(servlet))
            .addMappings(patterns).setAsyncSupported(true));
      }

      @Override
      public void filter(String name, Filter filter, String pattern) {
        app.addFilter(Servlets.filter(name, filter.getClass(), new ImmediateInstanceFactory<>(filter)));
        app.addFilterUrlMapping(name, pattern, DispatcherType.REQUEST);
      }

      @Override
      public void exceptionErrorPage(String location) {
        app.addErrorPage(new ErrorPage(location, Throwable.class));
      }
    });
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(app);
    manager.deploy();
    Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(Handlers.path().addPrefixPath(ServletApp.CONTEXT_PATH, manager.start())).build();
    server.start();
    ServletApp.ready(((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
  }
}
