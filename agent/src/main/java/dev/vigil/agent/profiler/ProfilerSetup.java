package dev.vigil.agent.profiler;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.jmx.AgentBean;
import dev.vigil.agent.jmx.JmxRegistration;
import dev.vigil.agent.jmx.LogManagerGate;
import dev.vigil.agent.jmx.ProfilerBean;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.EndpointStats;
import dev.vigil.exporter.http.HttpEndpoint;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Wires the profiler, /vigil/profile and the MBeans at start-up. Loads nothing native. The MBeans are registered from a
 * short-lived daemon thread {@code vigil.jmx.delay} after start-up (at once on a late attach, when main runs already),
 * so that JMX is first touched by the application, never by premain (and, when the JVM names its own
 * java.util.logging manager, only once the application has started it: see LogManagerGate). Continuous profiling starts after the same delay.
 */
public final class ProfilerSetup {
  private static volatile Profiler profiler;
  private static volatile EndpointRegistry routes;

  private ProfilerSetup() {}

  public static void install(VigilConfig config, EndpointRegistry registry, Instrumentation inst, boolean lateAttach) {
    routes = registry;
    Profiler p = null;
    long delay = lateAttach ? 0 : Math.max(0, config.getDurationMillis(ConfigKeys.JMX_DELAY));
    if (config.getBoolean(ConfigKeys.PROFILER_ENABLED)) {
      p = new Profiler(config.getBoolean(ConfigKeys.PROFILER_NATIVE),
          config.getDurationMillis(ConfigKeys.PROFILER_INTERVAL) * 1_000_000L,
          config.getString(ConfigKeys.PROFILER_DIR), config.getInt(ConfigKeys.PROFILER_KEEP));
      profiler = p;
      if (config.getBoolean(ConfigKeys.PROFILER_CONTINUOUS)) {
        ContinuousProfiler.start(p, continuousEvent(config), config.getDurationMillis(ConfigKeys.PROFILER_CONTINUOUS_INTERVAL) * 1_000_000L,
            config.getDurationMillis(ConfigKeys.PROFILER_CONTINUOUS_WINDOW),
            config.getInt(ConfigKeys.PROFILER_CONTINUOUS_KEEP), delay);
      }
    }
    if (config.getBoolean(ConfigKeys.JMX_ENABLED)) {
      ProfilerBean profilerBean = p == null ? null : new ProfilerBean(p);
      AgentBean agentBean = new AgentBean(version(), registry);
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(delay);
          LogManagerGate.awaitApplication(inst);
          JmxRegistration.register(profilerBean, agentBean);
        } catch (InterruptedException e) {
          AgentLog.debug("JMX registration interrupted");
        }
      }, "vigil-jmx-init");
      t.setDaemon(true);
      t.start();
    }
  }

  private static ProfileEvent continuousEvent(VigilConfig config) {
    String value = config.getString(ConfigKeys.PROFILER_CONTINUOUS_EVENT);
    try {
      ProfileEvent e = ProfileEvent.parse(value);
      if (e == ProfileEvent.CPU || e == ProfileEvent.ITIMER || e == ProfileEvent.CTIMER) {
        return e;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    String fallback = ConfigKeys.PROFILER_CONTINUOUS_EVENT.defaultValue;
    AgentLog.warn("config " + ConfigKeys.PROFILER_CONTINUOUS_EVENT.name + "=" + value + " is not one of cpu, itimer,"
        + " ctimer; using the default " + fallback);
    return ProfileEvent.parse(fallback);
  }

  /** The profiler, or null while the agent starts or when vigil.profiler.enabled=false. */
  public static Profiler profiler() {
    return profiler;
  }

  /** The http_route of every endpoint served so far, sorted: what a profile can be narrowed to. */
  public static List<String> routes() {
    EndpointRegistry r = routes;
    TreeSet<String> names = new TreeSet<>();
    if (r != null) {
      for (EndpointStats e : r.endpoints()) {
        if (!EndpointRegistry.OTHER_ROUTE.equals(e.route())) {
          names.add(e.route());
        }
      }
    }
    return new ArrayList<>(names);
  }

  /** Adds /vigil/profile to the agent's HTTP endpoints when the profiler is on. */
  public static void addEndpoints(Map<String, HttpEndpoint> paths) {
    Profiler p = profiler;
    if (p != null) {
      paths.put("/vigil/profile", new ProfileEndpoint(p));
    }
  }

  private static String version() {
    try (InputStream in = ProfilerSetup.class.getClassLoader().getResourceAsStream(
        "dev/vigil/agent/version.properties")) {
      Properties props = new Properties();
      if (in != null) {
        props.load(in);
      }
      return props.getProperty("version", "unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }
}
