package dev.vigil.agent.jmx;

import dev.vigil.agent.instrumentation.InstrumentationModules;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.tooling.InstrumentationSwitches;
import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tracing.TraceSampling;
import dev.vigil.bootstrap.AdviceErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Agent MBean: switches take effect at once and are logged; they last until the JVM exits. */
public final class AgentBean implements AgentMXBean {
  private final String version;
  private final EndpointRegistry registry;
  private final long startMillis = System.currentTimeMillis();

  public AgentBean(String version, EndpointRegistry registry) {
    this.version = version;
    this.registry = registry;
  }

  @Override
  public String getVersion() {
    return version;
  }

  @Override
  public long getUptimeSeconds() {
    return (System.currentTimeMillis() - startMillis) / 1000;
  }

  @Override
  public double getTraceSamplingRatio() {
    return TraceSampling.ratio();
  }

  @Override
  public void setTraceSamplingRatio(double ratio) {
    TraceSampling.setRatio(ratio);
    AgentLog.info("trace sampling ratio set to " + ratio + " over JMX");
  }

  @Override
  public String getLogLevel() {
    return AgentLog.level().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void setLogLevel(String level) {
    try {
      AgentLog.setLevel(AgentLog.parseLevel(level));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("log level " + level + " is not one of debug, info, warn, error, off");
    }
  }

  @Override
  public String getDisabledInstrumentations() {
    return InstrumentationSwitches.off();
  }

  @Override
  public String setInstrumentationEnabled(String name, boolean enabled) {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule m : InstrumentationModules.all()) {
      names.add(m.name());
    }
    if (!names.contains(name)) {
      throw new IllegalArgumentException("no instrumentation named " + name + "; names: " + String.join(", ", names));
    }
    try {
      String off = InstrumentationSwitches.set(name, enabled);
      AgentLog.info("instrumentation " + name + " switched " + (enabled ? "on" : "off") + " over JMX");
      return off;
    } catch (Exception e) {
      throw new IllegalStateException("cannot switch " + name + ": " + e);
    }
  }

  @Override
  public int getEndpoints() {
    return registry.endpoints().size();
  }

  @Override
  public long getAdviceErrors() {
    return AdviceErrors.count();
  }
}
