package org.example.clients;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** One GET through each client library, the way applications use them; each returns the response status. */
public final class Clients {
  /** Names, in the order the app runs them. */
  public static final List<String> ALL =
      List.of("urlconnection", "jdk", "jdk-async", "apache5", "apache5-async", "apache4", "okhttp", "okhttp-async");

  private static final HttpClient JDK = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final CloseableHttpClient APACHE = HttpClients.createDefault();
  private static final CloseableHttpAsyncClient APACHE_ASYNC = HttpAsyncClients.createDefault();

  static {
    APACHE_ASYNC.start();
  }
  private static final org.apache.http.impl.client.CloseableHttpClient APACHE4 =
      org.apache.http.impl.client.HttpClients.createDefault();
  private static final OkHttpClient OKHTTP = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
      .retryOnConnectionFailure(false).build();

  private Clients() {}

  /** Status of {@code GET url} through {@code client}; throws what the library throws when no response comes. */
  public static int get(String client, String url, Runnable afterResponse) throws Exception {
    switch (client) {
      case "urlconnection": return urlConnection(url);
      case "jdk": return JDK.send(jdkRequest(url), HttpResponse.BodyHandlers.ofString()).statusCode();
      case "jdk-async":
        return JDK.sendAsync(jdkRequest(url), HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS)
            .statusCode();
      case "apache5":
        return APACHE.execute(new HttpGet(url), response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
      case "apache5-async":
        return unwrap(APACHE_ASYNC.execute(SimpleRequestBuilder.get(url).build(), null)).getCode();
      case "apache4":
        return APACHE4.execute(new org.apache.http.client.methods.HttpGet(url), response -> {
          org.apache.http.util.EntityUtils.consume(response.getEntity());
          return response.getStatusLine().getStatusCode();
        });
      case "okhttp":
        try (Response response = OKHTTP.newCall(new Request.Builder().url(url).build()).execute()) {
          response.body().string();
          return response.code();
        }
      case "okhttp-async": return okHttpAsync(url, afterResponse);
      default: throw new IllegalArgumentException("unknown client " + client);
    }
  }

  public static int urlConnection(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(5_000);
    c.setReadTimeout(30_000);
    int status = c.getResponseCode();
    try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (body != null) {
        body.readAllBytes();
      }
    }
    return status;
  }

  private static HttpRequest jdkRequest(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("X-App", "clients").GET()
        .build();
  }

  /** enqueue, with {@code afterResponse} run inside the callback (on OkHttp's dispatcher thread). */
  private static int okHttpAsync(String url, Runnable afterResponse) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    OKHTTP.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          response.body().string();
          if (afterResponse != null) {
            afterResponse.run();
          }
          status.complete(response.code());
        } catch (Throwable t) {
          status.completeExceptionally(t);
        }
      }

      @Override
      public void onFailure(Call call, IOException e) {
        status.completeExceptionally(e);
      }
    });
    return unwrap(status);
  }

  /** The future's value, or what the library failed with (not the ExecutionException around it). */
  private static <T> T unwrap(Future<T> future) throws Exception {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }
}
