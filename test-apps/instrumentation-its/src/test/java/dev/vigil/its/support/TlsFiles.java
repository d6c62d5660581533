package dev.vigil.its.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed PEM files made with openssl for a TLS test: a server certificate for localhost and 127.0.0.1, and a
 * client certificate for mutual TLS (keys in PKCS#8, as OTEL_EXPORTER_OTLP_CLIENT_KEY expects).
 */
public final class TlsFiles {
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;

  private TlsFiles(Path dir) throws Exception {
    serverCert = dir.resolve("server.pem");
    serverKey = dir.resolve("server-key.pem");
    clientCert = dir.resolve("client.pem");
    clientKey = dir.resolve("client-key.pem");
    openssl(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", serverKey.toString(), "-out",
        serverCert.toString()));
    openssl(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=vigil-agent",
        "-keyout", clientKey.toString(), "-out", clientCert.toString()));
  }

  public static TlsFiles create(Path dir) throws Exception {
    return new TlsFiles(dir);
  }

  /** The server's TLS for a JDK HttpsServer: its certificate and key, trusting the client certificate. */
  public SSLContext serverContext() throws Exception {
    Path p12 = serverCert.resolveSibling("server.p12");
    openssl(List.of("pkcs12", "-export", "-in", serverCert.toString(), "-inkey", serverKey.toString(), "-out",
        p12.toString(), "-passout", "pass:changeit"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = new FileInputStream(clientCert.toFile())) {
      trusted.setCertificateEntry("client", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static void openssl(List<String> args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(output).isTrue();
  }
}
