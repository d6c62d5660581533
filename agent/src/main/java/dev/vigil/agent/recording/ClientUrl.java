package dev.vigil.agent.recording;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The parts of an outbound request's absolute URL that Vigil records: {@code server.address}, {@code server.port} (the
 * scheme's default when absent) and {@code url.full} without user-info, fragment and, unless asked, query string.
 * Parsed by hand: no {@link java.net.URI} exception for the odd URL a client accepts, and little garbage.
 */
final class ClientUrl {
  final String host;
  final int port;
  private final String url;
  private final int authorityStart;
  private final int hostStart;
  private final int pathStart;

  private ClientUrl(String url, String host, int port, int authorityStart, int hostStart, int pathStart) {
    this.url = url;
    this.host = host;
    this.port = port;
    this.authorityStart = authorityStart;
    this.hostStart = hostStart;
    this.pathStart = pathStart;
  }

  /** Parses {@code url}; an URL without scheme or host gives an empty host and port 0. */
  static ClientUrl parse(String url) {
    if (url == null) {
      return new ClientUrl("", "", 0, 0, 0, 0);
    }
    int schemeEnd = url.indexOf("://");
    int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    int pathStart = authorityStart;
    while (pathStart < url.length() && "/?#".indexOf(url.charAt(pathStart)) < 0) {
      pathStart++;
    }
    int at = url.lastIndexOf('@', pathStart - 1);
    int hostStart = at >= authorityStart ? at + 1 : authorityStart;
    int hostEnd = pathStart;
    int port = 0;
    int colon = url.lastIndexOf(':', pathStart - 1);
    int bracket = url.lastIndexOf(']', pathStart - 1);
    if (colon >= hostStart && colon > bracket) {
      port = parsePort(url, colon + 1, pathStart);
      hostEnd = colon;
    }
    if (port == 0 && schemeEnd > 0) {
      port = url.regionMatches(true, 0, "https", 0, schemeEnd) && schemeEnd == 5 ? 443
          : url.regionMatches(true, 0, "http", 0, schemeEnd) && schemeEnd == 4 ? 80 : 0;
    }
    String host = url.substring(hostStart, hostEnd);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ClientUrl(url, host, port, authorityStart, hostStart, pathStart);
  }

  /**
   * The absolute URL of a request line as written on the wire: {@code target} when it is one already (to a proxy),
   * else the scheme, the Host header ({@code host}; the {@code remote} address when there is none) and the target.
   */
  static String absolute(boolean tls, String host, SocketAddress remote, String target) {
    String path = target == null || target.isEmpty() ? "/" : target;
    if (path.regionMatches(true, 0, "http://", 0, 7) || path.regionMatches(true, 0, "https://", 0, 8)) {
      return path;
    }
    String authority = host;
    if ((authority == null || authority.isEmpty()) && remote instanceof InetSocketAddress) {
      InetSocketAddress address = (InetSocketAddress) remote;
      String name = address.getHostString();
      authority = (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + address.getPort();
    }
    return (tls ? "https://" : "http://") + (authority == null ? "" : authority)
        + (path.charAt(0) == '/' ? path : "/" + path);
  }

  /** {@code url.full}: the URL without user-info and fragment; the query is kept only when {@code withQuery}. */
  String full(boolean withQuery) {
    int end = url.indexOf('#', pathStart);
    end = end < 0 ? url.length() : end;
    if (!withQuery) {
      int query = url.indexOf('?', pathStart);
      end = query >= 0 && query < end ? query : end;
    }
    if (hostStart == authorityStart) {
      return end == url.length() ? url : url.substring(0, end);
    }
    return url.substring(0, authorityStart) + url.substring(hostStart, end);
  }

  private static int parsePort(String s, int from, int to) {
    if (from >= to || to - from > 5) {
      return 0;
    }
    int port = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65535 ? port : 0;
  }
}
