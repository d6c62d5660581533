package dev.vigil.exporter.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A minimal HTTP/1.1 server for the agent's read-only endpoints (/metrics, /vigil/...). One daemon thread, one request
 * per connection, bounded request size and read time-outs: a scraper cannot make it hold memory or a thread. It is not
 * the JDK's HttpServer, whose dispatcher thread is not a daemon (it would keep the application's JVM alive) and which
 * Vigil itself instruments.
 */
public final class AgentHttpServer {
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int READ_TIMEOUT_MS = 10_000;

  private final Map<String, HttpEndpoint> endpoints;
  private final ServerSocket socket;
  private final Thread thread;
  private volatile boolean running = true;

  private AgentHttpServer(ServerSocket socket, Map<String, HttpEndpoint> endpoints) {
    this.socket = socket;
    this.endpoints = endpoints;
    this.thread = new Thread(this::acceptLoop, "vigil-http");
    this.thread.setDaemon(true);
  }

  /** Binds and starts serving. Throws IOException (e.g. the port is in use) without starting a thread. */
  public static AgentHttpServer start(String host, int port, Map<String, HttpEndpoint> endpoints) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    AgentHttpServer server = new AgentHttpServer(socket, new HashMap<>(endpoints));
    server.thread.start();
    return server;
  }

  public int port() {
    return socket.getLocalPort();
  }

  public void stop() {
    running = false;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void acceptLoop() {
    while (running) {
      Socket accepted;
      try {
        accepted = socket.accept();
      } catch (Throwable t) {
        if (!running) {
          return;
        }
        backOff(); // accept itself failed (out of file descriptors?): do not spin on it
        continue;
      }
      try (Socket client = accepted) {
        client.setSoTimeout(READ_TIMEOUT_MS);
        serve(client);
      } catch (Throwable t) {
        // One bad client never stops the server.
      }
    }
  }

  private static void backOff() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(Socket client) throws IOException {
    InputStream in = new BufferedInputStream(client.getInputStream());
    OutputStream out = client.getOutputStream();
    String head = readHead(in);
    if (head == null) {
      respond(out, new HttpEndpoint.Response(400, "text/plain", "bad request\n".getBytes(StandardCharsets.UTF_8)), false,
          false);
      return;
    }
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length < 2) {
      respond(out, text(400, "bad request\n"), false, false);
      return;
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    String method = requestLine[0];
    String target = requestLine[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    boolean headOnly = method.equals("HEAD");
    HttpEndpoint endpoint = endpoints.get(path);
    if (endpoint == null) {
      respond(out, text(404, "not found; try /metrics or /vigil/signals\n"), false, headOnly);
      return;
    }
    if (!method.equals("GET") && !headOnly) {
      respond(out, text(405, "only GET\n"), false, false);
      return;
    }
    HttpEndpoint.Response response;
    try {
      response = endpoint.handle(headers, query);
    } catch (Exception e) {
      response = text(500, "error: " + e + "\n");
    }
    String encoding = headers.getOrDefault("accept-encoding", "");
    respond(out, response, encoding.contains("gzip"), headOnly);
  }

  private static HttpEndpoint.Response text(int status, String body) {
    return new HttpEndpoint.Response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads up to the blank line; null when the head is too long or the client went away. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    int matched = 0;
    while (buf.size() < MAX_HEADER_BYTES) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      buf.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return buf.toString(StandardCharsets.ISO_8859_1).trim();
      }
    }
    return null;
  }

  private static void respond(OutputStream out, HttpEndpoint.Response r, boolean gzip, boolean headOnly)
      throws IOException {
    byte[] body = r.body;
    if (gzip) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
      try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
        z.write(body);
      }
      body = zipped.toByteArray();
    }
    StringBuilder head = new StringBuilder(160)
        .append("HTTP/1.1 ").append(r.status).append(' ').append(reason(r.status)).append("\r\n")
        .append("Content-Type: ").append(r.contentType).append("\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n")
        .append("Connection: close\r\n");
    if (gzip) {
      head.append("Content-Encoding: gzip\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!headOnly) {
      out.write(body);
    }
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      default: return "Error";
    }
  }
}
