package dev.vigil.bootstrap;

/**
 * The route of a JAX-RS request from the templates the framework matched: the application's base path, then each
 * {@code @Path} from the resource class down to the method, one slash between them. A regular expression in a
 * parameter ({@code {id: [0-9]+}}) is dropped, so the route reads as the template users know ({@code /owners/{id}}).
 */
public final class JaxRsRoutes {
  /** Request attribute: the route so far of a request that went through sub-resource locators (RESTEasy). */
  public static final String LOCATOR_PREFIX = "dev.vigil.jaxrs.locator_prefix";

  private JaxRsRoutes() {}

  /** @param templates outermost first (the resource class's, then a locator's, then the method's); nulls skipped */
  public static String route(String basePath, String... templates) {
    StringBuilder out = new StringBuilder(64);
    appendSegments(out, basePath);
    for (String template : templates) {
      appendSegments(out, template);
    }
    if (out.length() == 0) {
      return "/";
    }
    return out.length() > Routes.MAX_LENGTH ? out.substring(0, Routes.MAX_LENGTH) : out.toString();
  }

  /** Appends {@code part}'s segments, each after one slash, skipping empty ones and regexes inside braces. */
  private static void appendSegments(StringBuilder out, String part) {
    if (part == null) {
      return;
    }
    int depth = 0; // inside a parameter's braces
    boolean inRegex = false; // after the parameter's ':'
    boolean inSegment = false;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (depth == 0 && c == '/') {
        inSegment = false;
        continue;
      }
      if (!inSegment) {
        out.append('/');
        inSegment = true;
      }
      if (c == '{') {
        depth++;
      } else if (c == ':' && depth == 1) {
        inRegex = true;
      }
      boolean keep = depth == 0 || !inRegex && c != ' ';
      if (c == '}' && depth > 0 && --depth == 0) {
        inRegex = false;
        keep = true;
      }
      if (keep) {
        out.append(c);
      }
    }
  }
}
