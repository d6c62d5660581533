package dev.vigil.loadgen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A do-nothing OTLP/HTTP receiver for the bench: accepts POST /v1/traces, /v1/metrics and /v1/logs, counts requests
 * and bytes, and answers 200 with an empty protobuf message (a valid Export*ServiceResponse). GET /stats gives the
 * counts as JSON. Nothing is decoded: the bench measures the exporting side only.
 */
public final class OtlpSink {
  private static final String[] SIGNALS = {"traces", "metrics", "logs"};

  private final Map<String, LongAdder[]> counts = new TreeMap<>();
  private final HttpServer server;

  public OtlpSink(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 128);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-sink");
      t.setDaemon(true);
      return t;
    }));
    for (String signal : SIGNALS) {
      LongAdder[] c = {new LongAdder(), new LongAdder()};
      counts.put(signal, c);
      server.createContext("/v1/" + signal, exchange -> receive(exchange, c));
    }
    server.createContext("/stats", this::stats);
  }

  public int start() {
    server.start();
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  /** Requests and bytes received for one signal. */
  public long[] received(String signal) {
    LongAdder[] c = counts.get(signal);
    return new long[] {c[0].sum(), c[1].sum()};
  }

  private static void receive(HttpExchange exchange, LongAdder[] c) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      long bytes = 0;
      byte[] buf = new byte[8192];
      try (InputStream in = exchange.getRequestBody()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          bytes += n;
        }
      }
      c[0].increment();
      c[1].add(bytes);
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private void stats(HttpExchange exchange) throws IOException {
    try (exchange) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      try (JsonGenerator g = new JsonFactory().createGenerator(body, JsonEncoding.UTF8)) {
        g.writeStartObject();
        for (String signal : SIGNALS) {
          long[] r = received(signal);
          g.writeObjectFieldStart(signal);
          g.writeNumberField("requests", r[0]);
          g.writeNumberField("bytes", r[1]);
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.size());
      exchange.getResponseBody().write(body.toByteArray());
    }
  }

  static int run(Args a) throws Exception {
    OtlpSink sink = new OtlpSink(a.get("host", "127.0.0.1"), (int) a.number("port", 0));
    System.out.println("READY " + sink.start());
    System.out.flush();
    Thread.currentThread().join(); // until killed
    return 0;
  }
}
