package dev.vigil.agent.otlp;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.util.List;

/**
 * Hands the SDK's OTLP exporter builders ({@code setComponentLoader}) Vigil's own senders: {@link HttpSenders} for
 * http/protobuf and {@link GrpcSenders} for gRPC. Anything else comes from the agent's class loader.
 */
public final class OtlpSenders {
  public static final ComponentLoader LOADER = new ComponentLoader() {
    private final ComponentLoader fallback = ComponentLoader.forClassLoader(OtlpSenders.class.getClassLoader());

    @Override
    @SuppressWarnings("unchecked")
    public <T> Iterable<T> load(Class<T> type) {
      if (type == HttpSenderProvider.class) {
        return List.of((T) new HttpSenders());
      }
      if (type == GrpcSenderProvider.class) {
        return List.of((T) new GrpcSenders());
      }
      return fallback.load(type);
    }
  };

  private OtlpSenders() {}
}
