package org.example.servers.tomcat9;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.servlet.Filter;
import javax.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.example.servers.app.Mappings;
import org.example.servers.app.ServletApp;

/** The servlet app on embedded Tomcat 9 (Servlet 4.0). */
public final class Tomcat9App {
  public static void main(String[] args) throws Exception {
    Path base = Files.createTempDirectory("vigil-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext(ServletApp.CONTEXT_PATH, base.toString());
    ServletApp.register(new Mappings() {
      @Override
      public void servlet(String name, Servlet servlet, String... patterns) {
        Tomcat.addServlet(context, name, servlet).setAsyncSupported(true);
        for (String pattern : patterns) {
          context.addServletMappingDecoded(pattern, name);
        }
      }

      @Override
      public void filter(String name, Filter filter, String pattern) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPatternDecoded(pattern);
        context.addFilterMap(map);
      }

      @Override
      public void exceptionErrorPage(String location) {
        ErrorPage page = new ErrorPage();
        page.setExceptionType(Throwable.class.getName());
        page.setLocation(location);
        context.addErrorPage(page);
      }
    });
    tomcat.start();
    ServletApp.ready(connector.getLocalPort());
    tomcat.getServer().await();
  }
}
