package org.example.servers.app;

import javax.servlet.Filter;
import javax.servlet.Servlet;

/** What a server's main class offers the app: it registers servlets and filters the container's own way. */
public interface Mappings {
  /** Registers the servlet with async support. */
  void servlet(String name, Servlet servlet, String... patterns);

  void filter(String name, Filter filter, String pattern);

  /** Where the container dispatches (DispatcherType.ERROR) when a servlet throws. */
  void exceptionErrorPage(String location);
}
