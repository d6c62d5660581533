package dev.vigil.agent.profiler;

import dev.vigil.exporter.http.HttpEndpoint;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /vigil/profile[?route=/owners/{id}][&format=collapsed]}: the newest finished profile (a continuous window
 * or an on-demand recording) as an HTML flame graph or collapsed stacks, whole or for one http_route. Read-only.
 */
public final class ProfileEndpoint implements HttpEndpoint {
  private final Profiler profiler;

  public ProfileEndpoint(Profiler profiler) {
    this.profiler = profiler;
  }

  @Override
  public Response handle(Map<String, String> headers, String query) throws Exception {
    Map<String, String> params;
    try {
      params = parse(query);
    } catch (IllegalArgumentException e) {
      return text(400, "bad query: percent-encode it (%2F for /, %7B and %7D for { and }), e.g."
          + " ?route=%2Fowners%2F%7Bid%7D\n");
    }
    Recorded r = profiler.latest();
    if (r == null) {
      return text(404, "no profile yet: turn on vigil.profiler.continuous=true, or start one over JMX"
          + " (dev.vigil:type=Profiler) or with java -jar vigil-agent.jar profile <pid>\n");
    }
    String format;
    try {
      format = Outputs.format(params.getOrDefault("format", "html"));
    } catch (IllegalArgumentException e) {
      return text(400, e.getMessage() + "\n");
    }
    if (format.equals("jfr")) {
      return text(400, "jfr is not served here; use the JMX dump operation\n");
    }
    String route = params.get("route");
    byte[] body = Outputs.render(r, format, route == null || route.isEmpty() ? null : route);
    return new Response(200, format.equals("html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8", body);
  }

  private static Response text(int status, String s) {
    return new Response(status, "text/plain; charset=utf-8", s.getBytes(StandardCharsets.UTF_8));
  }

  /** The query's parameters, decoded; IllegalArgumentException on a broken escape such as {@code %zz}. */
  static Map<String, String> parse(String query) {
    Map<String, String> params = new HashMap<>();
    if (query == null) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }
}
