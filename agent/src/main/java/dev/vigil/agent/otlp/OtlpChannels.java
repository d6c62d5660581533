package dev.vigil.agent.otlp;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.exporter.otlp.http.Http11Client;
import java.net.URI;

/** The one factory of OTLP channels: each signal gets its own, built from its own {@link OtlpSettings}. */
public final class OtlpChannels {
  private OtlpChannels() {}

  public static OtlpChannel open(VigilConfig config, OtlpSignal signal) {
    return open(OtlpSettings.of(config, signal));
  }

  public static OtlpChannel open(OtlpSettings settings) {
    if (settings.grpc) {
      return new GrpcChannel(settings);
    }
    OtlpTls tls = OtlpTls.of(settings);
    return new HttpChannel(settings, new Http11Client(URI.create(settings.url),
        tls == null ? null : tls.socketFactory));
  }
}
