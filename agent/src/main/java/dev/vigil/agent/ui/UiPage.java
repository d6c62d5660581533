package dev.vigil.agent.ui;

import dev.vigil.exporter.http.HttpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page at {@code /vigil/}: index.html and a fixed list of assets, read from the agent jar
 * ({@code dev/vigil/agent/ui/}) on first request and kept. Each asset has its own exact path, so no request can name
 * another file. Every answer carries a self-only Content-Security-Policy and an ETag (a repeat visit gets 304).
 */
public final class UiPage {
  static final String RESOURCES = "/dev/vigil/agent/ui/";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
  /** Asset file name -> content type: the only files served under /vigil/assets/. */
  static final Map<String, String> ASSETS = assets();

  private UiPage() {}

  private static Map<String, String> assets() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("app.js", "text/javascript; charset=utf-8");
    m.put("app.css", "text/css; charset=utf-8");
    m.put("uPlot.iife.min.js", "text/javascript; charset=utf-8");
    m.put("uPlot.min.css", "text/css; charset=utf-8");
    m.put("uPlot.LICENSE.txt", "text/plain; charset=utf-8");
    return Collections.unmodifiableMap(m);
  }

  /** Adds /vigil (a redirect), /vigil/ and each asset's path. */
  public static void addEndpoints(Map<String, HttpEndpoint> paths) {
    paths.put("/vigil", (headers, query) -> new HttpEndpoint.Response(302, "text/plain; charset=utf-8",
        new byte[0], Collections.singletonMap("Location", "/vigil/")));
    paths.put("/vigil/", new Asset("index.html", "text/html; charset=utf-8"));
    ASSETS.forEach((name, type) -> paths.put("/vigil/assets/" + name, new Asset(name, type)));
  }

  /** One file of the page, loaded once. */
  static final class Asset implements HttpEndpoint {
    private final String name;
    private final String contentType;
    private volatile byte[] body;
    private volatile String etag;

    Asset(String name, String contentType) {
      this.name = name;
      this.contentType = contentType;
    }

    @Override
    public boolean holdsData() {
      return false; // the page itself: it reads the data through the API, which asks for the token
    }

    @Override
    public Response handle(Map<String, String> headers, String query) throws IOException {
      byte[] b = body;
      if (b == null) {
        b = load(name);
        etag = etag(b);
        body = b;
      }
      Map<String, String> out = new LinkedHashMap<>();
      out.put("Content-Security-Policy", CSP);
      out.put("X-Content-Type-Options", "nosniff");
      out.put("Referrer-Policy", "no-referrer");
      out.put("Cache-Control", "no-cache"); // revalidate each time: the ETag makes that a 304 without a body
      out.put("ETag", etag);
      out.put("Vary", "Accept-Encoding"); // gzipped or not, by the request
      if (etag.equals(headers.get("if-none-match"))) {
        return new Response(304, contentType, new byte[0], out);
      }
      return new Response(200, contentType, b, out);
    }
  }

  static byte[] load(String name) throws IOException {
    try (InputStream in = UiPage.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException(RESOURCES + name + " is not in the agent jar");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      byte[] buf = new byte[16 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static String etag(byte[] b) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b);
      StringBuilder sb = new StringBuilder("\"");
      for (int i = 0; i < 8; i++) {
        sb.append(Character.forDigit((d[i] >> 4) & 15, 16)).append(Character.forDigit(d[i] & 15, 16));
      }
      return sb.append('"').toString();
    } catch (NoSuchAlgorithmException e) {
      return "\"" + b.length + "\"";
    }
  }
}
