package dev.vigil.agent.overhead;

import dev.vigil.agent.tracing.TraceSampling;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricFamily.Type;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.List;

/** What the agent costs (docs/metrics.md, "The agent's own cost"); read by /metrics and the OTLP push alike. */
final class OverheadMetrics implements MetricProducer {
  private static final Labels AGENT_THREADS = Labels.of("thread", "agent");
  private static final Labels APPLICATION_THREADS = Labels.of("thread", "application");
  private final AgentCpuMeter meter;

  OverheadMetrics(AgentCpuMeter meter) {
    this.meter = meter;
  }

  @Override
  public void collect(List<MetricFamily> out) {
    double ratio = meter.ratio();
    if (!Double.isNaN(ratio)) {
      // Prometheus names below predate the OpenTelemetry ones and stay, for dashboards.
      out.add(MetricFamily.otel("vigil.agent.cpu.utilization", "1", Type.GAUGE, "The agent's CPU over the process's"
          + " CPU during the last vigil.overhead.interval.", List.of(Point.value(Labels.EMPTY, ratio)))
          .prometheusName("vigil_agent_cpu_ratio", "ratio"));
    }
    out.add(MetricFamily.otel("vigil.agent.cpu.time", "s", Type.COUNTER, "CPU the agent used: on its own threads"
        + " (thread=agent, measured) and in its code on application threads (thread=application, sampled).",
        List.of(Point.value(AGENT_THREADS, meter.agentThreadNanos() / 1e9),
            Point.value(APPLICATION_THREADS, meter.applicationThreadNanos() / 1e9)))
        .prometheusName("vigil_agent_cpu_seconds", "seconds"));
    out.add(MetricFamily.otel("vigil.trace.sampling.ratio", "1", Type.GAUGE, "Share of new root traces kept after"
        + " the configured sampler (1: all): lowered by the CPU budget (vigil.overhead.max_cpu) or set over JMX.",
        List.of(Point.value(Labels.EMPTY, TraceSampling.ratio()))));
    CpuBudget budget = meter.budget();
    if (budget != null) {
      out.add(MetricFamily.otel("vigil.agent.cpu.budget", "1", Type.GAUGE, "vigil.overhead.max_cpu: the agent's"
          + " CPU over the process's CPU that the budget keeps under.",
          List.of(Point.value(Labels.EMPTY, budget.max()))));
    }
  }
}
