package dev.vigil.agent.recording;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.function.Function;

/**
 * Reads inbound requests the server instrumentations pass as Object ({@code HttpServletRequest} of javax or jakarta,
 * {@code HttpExchange}): headers for context extraction and, for a sampled span, a few semantic-convention attributes.
 * The JDK's {@code HttpExchange} is called directly; the servlet API, which lives in the application's class loaders,
 * through method handles found once per request class. An event-loop server (Netty) passes a
 * {@code Function<String, String>} that answers header names and the pseudo-headers {@code :path} (without the query)
 * and {@code :protocol} ({@code HTTP/1.1}). No helper class is injected into the application's loaders.
 */
final class ServerRequests {
  static final TextMapGetter<Object> HEADERS = new TextMapGetter<Object>() {
    @Override
    public Iterable<String> keys(Object request) {
      return Collections.emptyList();
    }

    @Override
    public String get(Object request, String name) {
      return request == null ? null : ACCESSORS.get(request.getClass()).header(request, name);
    }
  };

  private static final ClassValue<Accessor> ACCESSORS = new ClassValue<Accessor>() {
    @Override
    protected Accessor computeValue(Class<?> type) {
      if (Function.class.isAssignableFrom(type)) {
        return new HeaderFunctionAccessor();
      }
      try {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
          if (c.getName().equals("com.sun.net.httpserver.HttpExchange")) {
            return new ExchangeAccessor();
          }
          for (String api : new String[] {"jakarta.servlet.http.HttpServletRequest",
              "javax.servlet.http.HttpServletRequest"}) {
            Class<?> iface = interfaceNamed(c, api);
            if (iface != null) {
              return new ServletAccessor(iface);
            }
          }
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // not a request we know how to read: no headers, no attributes
      }
      return new Accessor();
    }
  };

  private ServerRequests() {}

  static Accessor of(Object request) {
    return ACCESSORS.get(request.getClass());
  }

  private static Class<?> interfaceNamed(Class<?> type, String name) {
    for (Class<?> i : type.getInterfaces()) {
      if (i.getName().equals(name)) {
        return i;
      }
      Class<?> found = interfaceNamed(i, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** What can be read from one kind of request; the base reads nothing. */
  static class Accessor {
    String header(Object request, String name) {
      return null;
    }

    /** Writes scheme, path, server address and port, client address, protocol version and user agent to the span. */
    void attributes(Object request, VigilSpan span) {}

    static String protocolVersion(String protocol) {
      if ("HTTP/1.1".equals(protocol)) {
        return "1.1";
      }
      return protocol != null && protocol.startsWith("HTTP/") ? protocol.substring(5) : null;
    }
  }

  /** A server's own request view: a function from header name to value (see the class comment). */
  private static final class HeaderFunctionAccessor extends Accessor {
    @SuppressWarnings("unchecked")
    @Override
    String header(Object request, String name) {
      try {
        return ((Function<String, String>) request).apply(name);
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    void attributes(Object request, VigilSpan span) {
      span.setText(ServerSpans.PATH, header(request, ":path"));
      span.setText(ServerSpans.PROTOCOL_VERSION, protocolVersion(header(request, ":protocol")));
      span.setText(ServerSpans.USER_AGENT, header(request, "User-Agent"));
    }
  }

  private static final class ServletAccessor extends Accessor {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private final MethodHandle getHeader;
    private final MethodHandle getScheme;
    private final MethodHandle getRequestUri;
    private final MethodHandle getServerName;
    private final MethodHandle getServerPort;
    private final MethodHandle getRemoteAddr;
    private final MethodHandle getProtocol;

    ServletAccessor(Class<?> api) throws ReflectiveOperationException {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      getHeader = lookup.unreflect(api.getMethod("getHeader", String.class))
          .asType(MethodType.methodType(Object.class, Object.class, String.class));
      getScheme = getter(lookup, api, "getScheme");
      getRequestUri = getter(lookup, api, "getRequestURI");
      getServerName = getter(lookup, api, "getServerName");
      getServerPort = getter(lookup, api, "getServerPort");
      getRemoteAddr = getter(lookup, api, "getRemoteAddr");
      getProtocol = getter(lookup, api, "getProtocol");
    }

    private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> api, String name)
        throws ReflectiveOperationException {
      return lookup.unreflect(api.getMethod(name)).asType(GETTER);
    }

    @Override
    String header(Object request, String name) {
      try {
        return (String) (Object) getHeader.invokeExact(request, name);
      } catch (Throwable t) {
        return null;
      }
    }

    private static String text(MethodHandle getter, Object request) {
      try {
        Object value = (Object) getter.invokeExact(request);
        return value instanceof String ? (String) value : null;
      } catch (Throwable t) {
        return null;
      }
    }

    @Override
    void attributes(Object request, VigilSpan span) {
      span.setText(ServerSpans.SCHEME, text(getScheme, request));
      span.setText(ServerSpans.PATH, text(getRequestUri, request));
      span.setText(ServerSpans.SERVER_ADDRESS, text(getServerName, request));
      try {
        Object port = (Object) getServerPort.invokeExact(request);
        if (port instanceof Integer && (Integer) port > 0) {
          span.setNumber(ServerSpans.SERVER_PORT, (Integer) port);
        }
      } catch (Throwable t) {
        // no port
      }
      span.setText(ServerSpans.CLIENT_ADDRESS, text(getRemoteAddr, request));
      span.setText(ServerSpans.PROTOCOL_VERSION, protocolVersion(text(getProtocol, request)));
      span.setText(ServerSpans.USER_AGENT, header(request, "User-Agent"));
    }
  }

  /**
   * The JDK's own server: its API is visible from the agent, so it is called directly. {@code server.address} and
   * {@code server.port} come from the Host header (the name the client used, as the semantic conventions prefer, and
   * cheaper than asking the socket), the socket's local address only without one.
   */
  private static final class ExchangeAccessor extends Accessor {
    @Override
    String header(Object request, String name) {
      return ((HttpExchange) request).getRequestHeaders().getFirst(name);
    }

    @Override
    void attributes(Object request, VigilSpan span) {
      HttpExchange exchange = (HttpExchange) request;
      boolean https = exchange instanceof HttpsExchange;
      span.setText(ServerSpans.SCHEME, https ? "https" : "http");
      URI uri = exchange.getRequestURI();
      span.setText(ServerSpans.PATH, uri == null ? null : uri.getRawPath());
      String host = exchange.getRequestHeaders().getFirst("Host");
      if (host != null && !host.isEmpty()) {
        hostAndPort(host, https ? 443 : 80, span);
      } else {
        InetSocketAddress local = exchange.getLocalAddress();
        if (local != null) {
          span.setText(ServerSpans.SERVER_ADDRESS, local.getHostString());
          span.setNumber(ServerSpans.SERVER_PORT, local.getPort());
        }
      }
      InetSocketAddress remote = exchange.getRemoteAddress();
      if (remote != null && remote.getAddress() != null) {
        span.setText(ServerSpans.CLIENT_ADDRESS, remote.getAddress().getHostAddress());
      }
      span.setText(ServerSpans.PROTOCOL_VERSION, protocolVersion(exchange.getProtocol()));
      span.setText(ServerSpans.USER_AGENT, header(request, "User-Agent"));
    }
  }

  /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; the scheme's port when none is given. */
  static void hostAndPort(String host, int defaultPort, VigilSpan span) {
    int bracket = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    int end = colon > bracket && (bracket > 0 || host.indexOf(':') == colon) ? colon : host.length();
    int port = defaultPort;
    if (end < host.length()) {
      port = 0;
      for (int i = end + 1; i < host.length() && port < 65_536; i++) {
        char c = host.charAt(i);
        port = c >= '0' && c <= '9' ? port * 10 + (c - '0') : 65_536;
      }
    }
    boolean v6 = host.startsWith("[") && bracket > 0;
    span.setText(ServerSpans.SERVER_ADDRESS, v6 ? host.substring(1, bracket) : end == host.length() ? host
        : host.substring(0, end));
    if (port > 0 && port < 65_536) {
      span.setNumber(ServerSpans.SERVER_PORT, port);
    }
  }
}
