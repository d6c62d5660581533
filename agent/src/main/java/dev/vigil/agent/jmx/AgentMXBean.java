package dev.vigil.agent.jmx;

/** {@code dev.vigil:type=Agent}: run-time switches and counters of the agent. Strings and numbers only. */
public interface AgentMXBean {
  String getVersion();

  long getUptimeSeconds();

  /** Ratio of new root traces sampled, 0 to 1; a change applies to the next request. */
  double getTraceSamplingRatio();

  void setTraceSamplingRatio(double ratio);

  /** The agent log's level: debug, info, warn, error or off. */
  String getLogLevel();

  void setLogLevel(String level);

  /** Instrumentations switched off at run time, comma-separated. */
  String getDisabledInstrumentations();

  /** Switches one instrumentation (by its name in docs/configuration.md) off or back on; returns the new list. */
  String setInstrumentationEnabled(String name, boolean enabled);

  /** Endpoints (method + route) recorded so far. */
  int getEndpoints();

  /** Exceptions thrown inside advice and suppressed (the application never saw them). */
  long getAdviceErrors();
}
