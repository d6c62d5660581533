package dev.vigil.agent.recording;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collections;

/**
 * Reads inbound requests the server instrumentations pass as Object ({@code HttpServletRequest} of javax or jakarta,
 * {@code HttpExchange}): headers for context extraction and a few semantic-convention attributes. Reflection on the
 * public API methods, looked up once per request class; no helper class is injected into the application's loaders.
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
      try {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
          if (c.getName().equals("com.sun.net.httpserver.HttpExchange")) {
            return new ExchangeAccessor(c, type);
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

    /** scheme, path, server address, server port, client address, protocol version (each may be null or -1). */
    void attributes(Object request, ServerSpans.Attributes out) {}

    static Object call(Method m, Object target, Object... args) {
      try {
        return m.invoke(target, args);
      } catch (Throwable t) {
        return null;
      }
    }
  }

  private static final class ServletAccessor extends Accessor {
    private final Method getHeader;
    private final Method getScheme;
    private final Method getRequestUri;
    private final Method getServerName;
    private final Method getServerPort;
    private final Method getRemoteAddr;
    private final Method getProtocol;

    ServletAccessor(Class<?> api) throws NoSuchMethodException {
      getHeader = api.getMethod("getHeader", String.class);
      getScheme = api.getMethod("getScheme");
      getRequestUri = api.getMethod("getRequestURI");
      getServerName = api.getMethod("getServerName");
      getServerPort = api.getMethod("getServerPort");
      getRemoteAddr = api.getMethod("getRemoteAddr");
      getProtocol = api.getMethod("getProtocol");
    }

    @Override
    String header(Object request, String name) {
      return (String) call(getHeader, request, name);
    }

    @Override
    void attributes(Object request, ServerSpans.Attributes out) {
      out.scheme = (String) call(getScheme, request);
      out.path = (String) call(getRequestUri, request);
      out.serverAddress = (String) call(getServerName, request);
      Object port = call(getServerPort, request);
      out.serverPort = port instanceof Integer ? (Integer) port : -1;
      out.clientAddress = (String) call(getRemoteAddr, request);
      out.protocol = (String) call(getProtocol, request);
      out.userAgent = header(request, "User-Agent");
    }
  }

  private static final class ExchangeAccessor extends Accessor {
    private final Method getRequestHeaders;
    private final Method getFirst;
    private final Method getRequestUri;
    private final Method getLocalAddress;
    private final Method getRemoteAddress;
    private final Method getProtocol;
    private final boolean https;

    ExchangeAccessor(Class<?> api, Class<?> type) throws NoSuchMethodException {
      getRequestHeaders = api.getMethod("getRequestHeaders");
      getFirst = getRequestHeaders.getReturnType().getMethod("getFirst", String.class);
      getRequestUri = api.getMethod("getRequestURI");
      getLocalAddress = api.getMethod("getLocalAddress");
      getRemoteAddress = api.getMethod("getRemoteAddress");
      getProtocol = api.getMethod("getProtocol");
      boolean secure = false;
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        secure |= c.getName().equals("com.sun.net.httpserver.HttpsExchange");
      }
      https = secure;
    }

    @Override
    String header(Object request, String name) {
      Object headers = call(getRequestHeaders, request);
      return headers == null ? null : (String) call(getFirst, headers, name);
    }

    @Override
    void attributes(Object request, ServerSpans.Attributes out) {
      out.scheme = https ? "https" : "http";
      Object uri = call(getRequestUri, request);
      out.path = uri instanceof URI ? ((URI) uri).getRawPath() : null;
      Object local = call(getLocalAddress, request);
      if (local instanceof InetSocketAddress) {
        out.serverAddress = ((InetSocketAddress) local).getHostString();
        out.serverPort = ((InetSocketAddress) local).getPort();
      }
      Object remote = call(getRemoteAddress, request);
      if (remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() != null) {
        out.clientAddress = ((InetSocketAddress) remote).getAddress().getHostAddress();
      }
      out.protocol = (String) call(getProtocol, request);
      out.userAgent = header(request, "User-Agent");
    }
  }
}
