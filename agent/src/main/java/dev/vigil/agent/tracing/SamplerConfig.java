package dev.vigil.agent.tracing;

import dev.vigil.agent.logging.AgentLog;
import java.util.Locale;

/** {@code OTEL_TRACES_SAMPLER} and {@code OTEL_TRACES_SAMPLER_ARG}, with the OpenTelemetry names and defaults. */
public final class SamplerConfig {
  public static final String DEFAULT = "parentbased_always_on";

  private SamplerConfig() {}

  /** A sampler from its name and argument (either may be null); a bad value logs one line and uses the default. */
  static TraceSampler parse(String name, String arg) {
    String n = name == null || name.isEmpty() ? DEFAULT : name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "always_on":
        return TraceSampler.alwaysOn();
      case "always_off":
        return TraceSampler.alwaysOff();
      case "traceidratio":
        return TraceSampler.traceIdRatio(ratio(arg));
      case "parentbased_always_on":
        return TraceSampler.parentBased(TraceSampler.alwaysOn());
      case "parentbased_always_off":
        return TraceSampler.parentBased(TraceSampler.alwaysOff());
      case "parentbased_traceidratio":
        return TraceSampler.parentBased(TraceSampler.traceIdRatio(ratio(arg)));
      default:
        AgentLog.warn("config OTEL_TRACES_SAMPLER=" + name + " is not one of always_on, always_off, traceidratio,"
            + " parentbased_always_on, parentbased_always_off, parentbased_traceidratio; using the default " + DEFAULT);
        return TraceSampler.parentBased(TraceSampler.alwaysOn());
    }
  }

  static double ratio(String arg) {
    if (arg == null || arg.isEmpty()) {
      return 1.0;
    }
    try {
      double r = Double.parseDouble(arg.trim());
      if (r >= 0 && r <= 1) {
        return r;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    AgentLog.warn("config OTEL_TRACES_SAMPLER_ARG=" + arg + " is not a ratio between 0 and 1; using the default 1.0");
    return 1.0;
  }
}
