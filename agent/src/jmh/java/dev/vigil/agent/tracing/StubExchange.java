package dev.vigil.agent.tracing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/** A JDK HttpServer exchange with fixed request headers, for benchmarks of the server span path. */
final class StubExchange extends HttpExchange {
  private final Headers headers = new Headers();
  private final URI uri = URI.create("/products/42");
  private final InetSocketAddress local = new InetSocketAddress("127.0.0.1", 8080);
  private final InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 50000);

  StubExchange(String traceparent) {
    if (traceparent != null) {
      headers.add("traceparent", traceparent);
    }
    headers.add("User-Agent", "jmh");
  }

  @Override public Headers getRequestHeaders() { return headers; }
  @Override public Headers getResponseHeaders() { return new Headers(); }
  @Override public URI getRequestURI() { return uri; }
  @Override public String getRequestMethod() { return "GET"; }
  @Override public HttpContext getHttpContext() { return null; }
  @Override public void close() {}
  @Override public InputStream getRequestBody() { return InputStream.nullInputStream(); }
  @Override public OutputStream getResponseBody() { return OutputStream.nullOutputStream(); }
  @Override public void sendResponseHeaders(int rCode, long responseLength) {}
  @Override public InetSocketAddress getRemoteAddress() { return remote; }
  @Override public int getResponseCode() { return 200; }
  @Override public InetSocketAddress getLocalAddress() { return local; }
  @Override public String getProtocol() { return "HTTP/1.1"; }
  @Override public Object getAttribute(String name) { return null; }
  @Override public void setAttribute(String name, Object value) {}
  @Override public void setStreams(InputStream i, OutputStream o) {}
  @Override public HttpPrincipal getPrincipal() { return null; }
}
