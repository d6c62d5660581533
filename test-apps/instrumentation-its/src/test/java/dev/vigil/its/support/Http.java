package dev.vigil.its.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test-side HTTP calls (this JVM has no agent, so nothing here is instrumented). */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  public static HttpResponse<String> get(String url, String... headers) {
    return send("GET", url, headers);
  }

  /**
   * A GET on a connection of its own. Reactor Netty (Spring Boot 4.0.7 and 3.5.7) and the JDK's client sometimes leave a
   * request sent on a reused keep-alive connection unanswered (about 1 in 700 over HTTP/1.1, 6 in 700 with the client's
   * h2c upgrade, with or without the agent; none in 700 on fresh connections): WebFlux tests use this.
   */
  public static HttpResponse<String> getOnNewConnection(String url, String... headers) {
    HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
    return send(own, "GET", url, headers);
  }

  public static HttpResponse<String> send(String method, String url, String... headers) {
    return send(CLIENT, method, url, headers);
  }

  private static HttpResponse<String> send(HttpClient client, String method, String url, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(AgentJvm.PATIENCE)
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e, e);
    }
  }
}
