package dev.vigil.agent.resource;

import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Detects the resource as the OpenTelemetry Java agent does: service, host, OS, process, runtime, SDK, container and
 * Kubernetes attributes; then OTEL_RESOURCE_ATTRIBUTES wins over what was detected, OTEL_SERVICE_NAME (or
 * vigil.service.name) over both, and OTEL_RESOURCE_DISABLED_KEYS takes keys out. Reads only the environment, system
 * properties and a few files under /proc: no name lookup on Linux, no JMX.
 */
final class ResourceDetector {
  /** Command-line arguments that look like credentials keep their name, not their value. */
  private static final Pattern SECRET = Pattern.compile("(?i)(password|passwd|secret|token|credential|apikey|api_key)");

  private final VigilConfig config;
  private final Map<String, String> env;
  private final Path procSelf;
  private final Path k8sNamespaceFile;

  ResourceDetector(VigilConfig config, Map<String, String> env, Path procSelf, Path k8sNamespaceFile) {
    this.config = config;
    this.env = env;
    this.procSelf = procSelf;
    this.k8sNamespaceFile = k8sNamespaceFile;
  }

  Resource detect(String agentVersion) {
    AttributesBuilder b = Resource.getDefault().getAttributes().toBuilder(); // telemetry.sdk.*
    b.put("service.instance.id", new UUID(ThreadLocalRandom.current().nextLong() & ~0xF000L | 0x4000L,
        ThreadLocalRandom.current().nextLong() & ~(3L << 62) | (2L << 62)).toString()); // version 4, variant 2
    b.put("telemetry.distro.name", "vigil");
    b.put("telemetry.distro.version", agentVersion);
    host(b);
    process(b);
    put(b, "container.id", ContainerId.detect(procSelf));
    kubernetes(b);
    config.resourceAttributes().forEach(b::put);
    b.put("service.name", config.serviceName());
    Attributes attributes = b.build();
    List<String> disabled = dev.vigil.agent.config.OtelConfig.of(config).list(OtelKeys.RESOURCE_DISABLED_KEYS);
    if (!disabled.isEmpty()) {
      AttributesBuilder kept = Attributes.builder();
      attributes.forEach((k, v) -> {
        if (!disabled.contains(k.getKey())) {
          putAny(kept, k, v);
        }
      });
      attributes = kept.build();
    }
    return Resource.create(attributes, Resource.getDefault().getSchemaUrl());
  }

  private void host(AttributesBuilder b) {
    put(b, "host.name", hostName());
    put(b, "host.arch", arch(System.getProperty("os.arch", "")));
    String os = System.getProperty("os.name", "");
    put(b, "os.type", osType(os));
    put(b, "os.description", (os + " " + System.getProperty("os.version", "")).trim());
  }

  private void process(AttributesBuilder b) {
    ProcessHandle self = ProcessHandle.current();
    b.put(AttributeKey.longKey("process.pid"), self.pid());
    String java = Path.of(System.getProperty("java.home", ""), "bin", "java").toString();
    Optional<String> command = self.info().command();
    b.put("process.executable.path", command.orElse(java));
    Optional<String[]> arguments = self.info().arguments();
    if (arguments.isPresent()) {
      List<String> args = new ArrayList<>();
      args.add(command.orElse(java));
      for (String arg : arguments.get()) {
        args.add(masked(arg));
      }
      b.put(AttributeKey.stringArrayKey("process.command_args"), args);
    } else {
      put(b, "process.command_line", masked(java + " " + System.getProperty("sun.java.command", "")));
    }
    b.put("process.runtime.name", System.getProperty("java.runtime.name", ""));
    b.put("process.runtime.version", System.getProperty("java.runtime.version", ""));
    b.put("process.runtime.description", System.getProperty("java.vm.vendor", "") + " "
        + System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", ""));
  }

  /** Kubernetes, when KUBERNETES_SERVICE_HOST says the pod runs there: names from the downward API's usual variables. */
  private void kubernetes(AttributesBuilder b) {
    if (env.get("KUBERNETES_SERVICE_HOST") == null) {
      return;
    }
    put(b, "k8s.pod.name", first("K8S_POD_NAME", "POD_NAME", "HOSTNAME"));
    String namespace = first("K8S_NAMESPACE_NAME", "POD_NAMESPACE", "NAMESPACE");
    put(b, "k8s.namespace.name", namespace != null ? namespace : read(k8sNamespaceFile));
    put(b, "k8s.node.name", first("K8S_NODE_NAME", "NODE_NAME"));
  }

  private String first(String... names) {
    for (String name : names) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private String hostName() {
    String name = first("HOSTNAME");
    if (name == null) {
      name = read(procSelf.getParent() == null ? null : procSelf.getParent().resolve("sys/kernel/hostname"));
    }
    if (name == null) {
      try {
        name = InetAddress.getLocalHost().getHostName(); // not Linux: a local lookup
      } catch (Exception e) {
        return null;
      }
    }
    return name;
  }

  static String masked(String arg) {
    int eq = arg.indexOf('=');
    return eq > 0 && SECRET.matcher(arg.substring(0, eq)).find() ? arg.substring(0, eq + 1) + "***" : arg;
  }

  /** os.arch as the semantic conventions name it. */
  static String arch(String osArch) {
    switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64": case "x86_64": return "amd64";
      case "aarch64": case "arm64": return "arm64";
      case "x86": case "i386": case "i486": case "i586": case "i686": return "x86";
      case "arm": return "arm32";
      case "ppc": return "ppc32";
      case "ppc64": case "ppc64le": return "ppc64";
      default: return osArch.isEmpty() ? null : osArch.toLowerCase(Locale.ROOT);
    }
  }

  static String osType(String osName) {
    String n = osName.toLowerCase(Locale.ROOT);
    String[][] prefixes = {{"windows", "windows"}, {"linux", "linux"}, {"mac", "darwin"}, {"freebsd", "freebsd"},
        {"netbsd", "netbsd"}, {"openbsd", "openbsd"}, {"dragonfly", "dragonflybsd"}, {"hp-ux", "hpux"},
        {"aix", "aix"}, {"sunos", "solaris"}, {"solaris", "solaris"}, {"z/os", "z_os"}};
    for (String[] p : prefixes) {
      if (n.startsWith(p[0])) {
        return p[1];
      }
    }
    return n.isEmpty() ? null : n;
  }

  private static String read(Path file) {
    try {
      if (file != null && Files.isReadable(file)) {
        String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        return s.isEmpty() ? null : s;
      }
    } catch (Exception e) {
      // not there: the attribute is left out
    }
    return null;
  }

  private static void put(AttributesBuilder b, String key, String value) {
    if (value != null && !value.isEmpty()) {
      b.put(key, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static void putAny(AttributesBuilder b, AttributeKey<?> key, Object value) {
    b.put((AttributeKey<Object>) key, value);
  }
}
