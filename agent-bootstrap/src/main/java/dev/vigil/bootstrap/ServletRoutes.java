package dev.vigil.bootstrap;

/**
 * Routes of servlet requests, from strings only, so that the javax and jakarta advice (and Spring's) share one rule: an
 * exact or extension servlet mapping is a template; any other mapping (path, default) gives the normalized path.
 */
public final class ServletRoutes {
  private ServletRoutes() {}

  /**
   * @param match the request's {@code MappingMatch} (Servlet 4+), or null where the container does not say (Servlet 3.1)
   * @param pattern the mapping's pattern ({@code /hello}, {@code *.do}), or null
   */
  public static String route(String contextPath, Object match, String pattern, String servletPath, String pathInfo) {
    String name = match == null ? null : match.toString();
    if (pattern != null && !pattern.isEmpty()) {
      if ("EXACT".equals(name)) {
        return template(contextPath, pattern);
      }
      if ("EXTENSION".equals(name)) {
        return template(contextPath, pattern.startsWith("/") ? pattern : "/" + pattern);
      }
    }
    return Routes.join(contextPath, pathInfo == null ? servletPath : concat(servletPath, pathInfo));
  }

  /** Whether {@link #route} gives the mapping's own pattern (exact or extension match), not a path made from the URL. */
  public static boolean isTemplate(Object match, String pattern) {
    if (pattern == null || pattern.isEmpty() || match == null) {
      return false;
    }
    String name = match.toString();
    return "EXACT".equals(name) || "EXTENSION".equals(name);
  }

  /**
   * A Spring MVC pattern ({@code /owners/{ownerId}}) is relative to the context path, and also to the servlet path when
   * the DispatcherServlet is path-mapped ({@code /api/*}: the path info is then set).
   */
  public static String spring(String contextPath, String servletPath, String pathInfo, Object pattern) {
    if (pattern == null) {
      return null;
    }
    String inner = pattern.toString();
    if (!inner.startsWith("/")) {
      inner = "/" + inner;
    }
    String prefix = pathInfo == null || servletPath == null ? contextPath : concat(contextPath, servletPath);
    return template(prefix, inner);
  }

  private static String template(String contextPath, String path) {
    if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
      return path;
    }
    return path.equals("/") ? contextPath : contextPath + path;
  }

  private static String concat(String a, String b) {
    if (a == null || a.isEmpty()) {
      return b;
    }
    return b == null || b.isEmpty() ? a : a + b;
  }
}
