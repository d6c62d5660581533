package org.example.servers.resteasy;

import jakarta.ws.rs.core.Application;
import java.nio.file.Files;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.example.servers.jaxrs.FailingResource;
import org.example.servers.jaxrs.OwnersResource;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;

/**
 * The JAX-RS resources on RESTEasy, in embedded Tomcat: context {@code /app}, RESTEasy's dispatcher servlet mapped to
 * {@code /api/*}. Prints {@code READY <port>} once serving.
 */
public final class ResteasyApp {
  /** The application RESTEasy's servlet instantiates from its init parameter. */
  public static final class Resources extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(OwnersResource.class, FailingResource.class);
    }
  }

  public static void main(String[] args) throws Exception {
    String base = Files.createTempDirectory("vigil-resteasy").toString();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base);
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("/app", base);
    Wrapper servlet = Tomcat.addServlet(context, "resteasy", new HttpServlet30Dispatcher());
    servlet.addInitParameter("jakarta.ws.rs.Application", Resources.class.getName());
    servlet.addInitParameter("resteasy.servlet.mapping.prefix", "/api");
    servlet.setAsyncSupported(true);
    context.addServletMappingDecoded("/api/*", "resteasy");
    tomcat.start();
    System.out.println("READY " + connector.getLocalPort());
    System.out.flush();
    tomcat.getServer().await();
  }
}
