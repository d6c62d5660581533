package org.example.servers.spring5;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring MVC 5 (javax.servlet) on embedded Tomcat 9, without Boot: a DispatcherServlet mapped at {@code /api/*} under
 * context path {@code /petclinic}, so routes are context path + servlet path + Spring's pattern.
 */
public final class Spring5App {
  public static void main(String[] args) throws Exception {
    Path base = Files.createTempDirectory("vigil-spring5");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("/petclinic", base.toString());
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(WebConfig.class);
    Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring)).setLoadOnStartup(1);
    context.addServletMappingDecoded("/api/*", "dispatcher");
    tomcat.start();
    System.out.println("READY " + connector.getLocalPort());
    System.out.flush();
    tomcat.getServer().await();
  }

  @Configuration
  @EnableWebMvc
  @Import(VetController.class)
  static class WebConfig {}
}
