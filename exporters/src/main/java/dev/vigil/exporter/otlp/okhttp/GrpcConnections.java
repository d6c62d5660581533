package dev.vigil.exporter.otlp.okhttp;

import io.opentelemetry.exporter.sender.okhttp.internal.OkHttpGrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSender;
import java.lang.reflect.Field;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The connections of the SDK's OkHttp gRPC senders: one pool shared by every signal, so that spans, logs and metrics
 * going to one collector share one HTTP/2 connection (and OkHttp's one reader thread for it), each connection made by
 * a {@link ByteBudget} socket factory. The sender builds its client itself and offers no hook for either, so its one
 * client field is replaced through reflection; the SDK version is pinned in the build and
 * {@code GrpcConnectionsTest} fails if the field moves.
 */
public final class GrpcConnections {
  private final ByteBudget budget;
  private final ConnectionPool pool = new ConnectionPool();

  public GrpcConnections(long bytesPerExport) {
    this.budget = new ByteBudget(bytesPerExport);
  }

  /** An export begins: the peers may send the budget again. */
  public void newExport() {
    budget.reset();
  }

  /**
   * Returns {@code sender}, its connections now from the shared pool and the budget; {@code tls} (with {@code trust})
   * the same factory for every signal with the same TLS, so that their connections match, or null.
   */
  public GrpcSender bound(OkHttpGrpcSender sender, SSLSocketFactory tls, X509TrustManager trust)
      throws ReflectiveOperationException {
    Field field = OkHttpGrpcSender.class.getDeclaredField("client");
    field.setAccessible(true);
    OkHttpClient.Builder client = ((OkHttpClient) field.get(sender)).newBuilder().socketFactory(budget)
        .connectionPool(pool);
    if (tls != null) {
      client.sslSocketFactory(tls, trust);
    }
    field.set(sender, client.build());
    return sender;
  }
}
