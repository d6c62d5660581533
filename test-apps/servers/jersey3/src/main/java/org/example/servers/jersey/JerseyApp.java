package org.example.servers.jersey;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.example.servers.jaxrs.FailingResource;
import org.example.servers.jaxrs.OwnersResource;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * A JAX-RS application on Jersey, in embedded Tomcat: context {@code /app}, Jersey's servlet mapped to {@code /api/*}.
 * Prints {@code READY <port>} once serving.
 */
public final class JerseyApp {
  public static void main(String[] args) throws Exception {
    String base = Files.createTempDirectory("vigil-jersey").toString();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base);
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("/app", base);
    ResourceConfig resources = new ResourceConfig(OwnersResource.class, FailingResource.class);
    Tomcat.addServlet(context, "jersey", new ServletContainer(resources));
    context.addServletMappingDecoded("/api/*", "jersey");
    tomcat.start();
    System.out.println("READY " + connector.getLocalPort());
    System.out.flush();
    tomcat.getServer().await();
  }
}
