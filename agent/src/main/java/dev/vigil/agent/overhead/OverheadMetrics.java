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
      out.add(new MetricFamily("vigil_agent_cpu_ratio", Type.GAUGE, "The agent's CPU over the process's CPU during"
          + " the last vigil.overhead.interval.", "ratio", List.of(Point.value(Labels.EMPTY, ratio))));
    }
    out.add(new MetricFamily("vigil_agent_cpu_seconds", Type.COUNTER, "CPU the agent used: on its own threads"
        + " (thread=agent, measured) and in its code on application threads (thread=application, sampled).",
        "seconds", List.of(Point.value(AGENT_THREADS, meter.agentThreadNanos() / 1e9),
            Point.value(APPLICATION_THREADS, meter.applicationThreadNanos() / 1e9))));
    out.add(new MetricFamily("vigil_trace_sampling_ratio", Type.GAUGE, "Share of new root traces kept after the"
        + " configured sampler (1: all): lowered by the CPU budget (vigil.overhead.max_cpu) or set over JMX.", "ratio",
        List.of(Point.value(Labels.EMPTY, TraceSampling.ratio()))));
    CpuBudget budget = meter.budget();
    if (budget != null) {
      out.add(new MetricFamily("vigil_agent_cpu_budget_ratio", Type.GAUGE, "vigil.overhead.max_cpu: the agent's"
          + " CPU over the process's CPU that the budget keeps under.", "ratio",
          List.of(Point.value(Labels.EMPTY, budget.max()))));
    }
  }
}
