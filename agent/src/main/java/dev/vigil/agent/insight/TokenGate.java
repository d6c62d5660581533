package dev.vigil.agent.insight;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.http.HttpEndpoint;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Map;

/**
 * Who may read {@code /vigil/*} (API, signals, profiles): anyone on a loopback-only endpoint; on any other address
 * only a request with {@code Authorization: Bearer <vigil.http.token>}, and without a configured token nobody (those
 * paths are then not served there). The page's static files hold no data and are served to anyone where a token is
 * set, since a browser cannot send the header for them; the page asks for the token and sends it to the API.
 * {@code /metrics} stays open, as Prometheus expects.
 */
public final class TokenGate {
  static final String PREFIX = "/vigil/";

  private TokenGate() {}

  /** Applies the rule to {@code paths} in place for an endpoint bound to {@code host}. */
  public static void apply(Map<String, HttpEndpoint> paths, String host, String token) {
    if (loopback(host)) {
      return;
    }
    if (token == null || token.isEmpty()) {
      paths.keySet().removeIf(p -> p.startsWith(PREFIX));
      AgentLog.warn("/vigil/* (signals, API, page, profiles) is not served on " + host + ": it is not a loopback"
          + " address and vigil.http.token is not set; /metrics is served as usual");
      return;
    }
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    for (Iterator<Map.Entry<String, HttpEndpoint>> it = paths.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, HttpEndpoint> e = it.next();
      if (e.getKey().startsWith(PREFIX) && e.getValue().holdsData()) {
        e.setValue(guard(e.getValue(), expected));
      }
    }
  }

  static HttpEndpoint guard(HttpEndpoint inner, byte[] expected) {
    return (headers, query) -> {
      String given = headers.get("authorization");
      byte[] bytes = given == null ? new byte[0] : given.trim().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(bytes, expected)) { // constant time for equal lengths
        return new HttpEndpoint.Response(401, "application/json",
            "{\"error\":\"Authorization: Bearer <vigil.http.token> required\"}".getBytes(StandardCharsets.UTF_8));
      }
      return inner.handle(headers, query);
    };
  }

  /** A literal loopback address, or a name that resolves only to loopback (localhost). */
  static boolean loopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
