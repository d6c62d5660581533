package dev.vigil.agent.otlp;

import dev.vigil.agent.logging.AgentLog;
import io.opentelemetry.exporter.internal.TlsUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS of one signal's OTLP connection, from its PEM files, read with the SDK's own PEM handling: the certificates
 * to trust ({@code OTEL_EXPORTER_OTLP_CERTIFICATE}) and the client's key and certificate chain for mutual TLS
 * ({@code OTEL_EXPORTER_OTLP_CLIENT_KEY}, {@code _CLIENT_CERTIFICATE}). None set: the JDK's defaults (null here). A file
 * that cannot be used is said once, naming the variable, and the JDK's defaults are used.
 */
final class OtlpTls {
  /** One per set of files: signals with the same TLS get the same socket factory (and can share a connection). */
  private static final Map<List<String>, Optional<OtlpTls>> MADE = new ConcurrentHashMap<>();
  final SSLContext context;
  final SSLSocketFactory socketFactory;
  final X509TrustManager trustManager;

  private OtlpTls(SSLContext context, X509TrustManager trustManager) {
    this.context = context;
    this.socketFactory = context.getSocketFactory();
    this.trustManager = trustManager;
  }

  /** Null when neither a certificate nor a client key is configured, or they cannot be used. */
  static OtlpTls of(OtlpSettings settings) {
    if (settings.certificate == null && settings.clientKey == null && settings.clientCertificate == null) {
      return null;
    }
    return MADE.computeIfAbsent(Arrays.asList(settings.certificate, settings.clientKey, settings.clientCertificate),
        files -> Optional.ofNullable(make(settings))).orElse(null);
  }

  private static OtlpTls make(OtlpSettings settings) {
    String variable = "OTEL_EXPORTER_OTLP_CERTIFICATE";
    try {
      X509TrustManager trust = settings.certificate != null ? TlsUtil.trustManager(read(settings.certificate))
          : TlsUtil.defaultTrustManager();
      KeyManager[] keys = null;
      if (settings.clientKey != null || settings.clientCertificate != null) {
        variable = "OTEL_EXPORTER_OTLP_CLIENT_KEY/_CLIENT_CERTIFICATE";
        if (settings.clientKey == null || settings.clientCertificate == null) {
          throw new IOException("both the client key and the client certificate are needed");
        }
        keys = new KeyManager[] {TlsUtil.keyManager(read(settings.clientKey), read(settings.clientCertificate))};
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new X509TrustManager[] {trust}, null);
      return new OtlpTls(context, trust);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      AgentLog.warn("config " + variable + " for OTLP " + settings.signal.key + " cannot be used (" + e
          + "); using the JDK's TLS defaults");
      return null;
    }
  }

  private static byte[] read(String path) throws IOException {
    return Files.readAllBytes(Paths.get(path));
  }
}
