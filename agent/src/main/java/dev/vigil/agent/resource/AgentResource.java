package dev.vigil.agent.resource;

import dev.vigil.agent.config.VigilConfig;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one resource of this process, detected once ({@link ResourceDetector}) and shared by spans, log records, the
 * OTLP metrics push and {@code target_info} on /metrics, so all carry the same {@code service.instance.id}.
 */
public final class AgentResource {
  private static volatile Resource resource;

  private AgentResource() {}

  public static Resource get(VigilConfig config) {
    Resource r = resource;
    if (r == null) {
      synchronized (AgentResource.class) {
        r = resource;
        if (r == null) {
          resource = r = detect(config, System.getenv(), Path.of("/proc/self"),
              Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace"));
        }
      }
    }
    return r;
  }

  /** A fresh detection from the given sources (tests; the agent uses {@link #get}). */
  public static Resource detect(VigilConfig config, Map<String, String> env, Path procSelf, Path namespaceFile) {
    return new ResourceDetector(config, env, procSelf, namespaceFile).detect(version());
  }

  /** The attributes with every value as text (arrays joined by commas), in the resource's order. */
  public static Map<String, String> strings(VigilConfig config) {
    return strings(get(config));
  }

  public static Map<String, String> strings(Resource resource) {
    Map<String, String> out = new LinkedHashMap<>();
    resource.getAttributes().forEach((k, v) -> out.put(k.getKey(),
        v instanceof List ? ((List<?>) v).stream().map(String::valueOf).collect(Collectors.joining(","))
            : String.valueOf(v)));
    return Collections.unmodifiableMap(out);
  }

  private static String version() {
    Package p = AgentResource.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
