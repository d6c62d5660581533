package dev.vigil.agent.otlp;

import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * OTEL_METRICS_EXPORTER=console: every OTEL_METRIC_EXPORT_INTERVAL, one line per point of the golden-signal metrics
 * on standard output (what the OTLP push would send, read from the same producers), for a person at a terminal. One
 * daemon thread.
 */
public final class ConsoleMetrics implements Runnable {
  private final List<MetricProducer> producers;
  private final long intervalMillis;

  private ConsoleMetrics(List<MetricProducer> producers, long intervalMillis) {
    this.producers = producers;
    this.intervalMillis = intervalMillis;
  }

  static ConsoleMetrics forTest(List<MetricProducer> producers) {
    return new ConsoleMetrics(producers, 60_000);
  }

  /** Starts the printing thread when OTEL_METRICS_EXPORTER names console. */
  public static void start(VigilConfig config, List<MetricProducer> producers) {
    if (!OtlpMetricsPush.destinations(config).contains("console")) {
      return;
    }
    ConsoleMetrics console = new ConsoleMetrics(producers,
        OtelConfig.of(config).millis(OtelKeys.METRIC_EXPORT_INTERVAL));
    Thread t = new Thread(console, "vigil-console-metrics");
    t.setDaemon(true);
    t.start();
    AgentLog.info("metrics to standard output (console) every " + console.intervalMillis + " ms");
  }

  @Override
  public void run() {
    try {
      while (true) {
        Thread.sleep(intervalMillis);
        print(System.out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      AgentLog.error("printing metrics stopped", e);
    }
  }

  void print(PrintStream out) {
    List<MetricFamily> families = new ArrayList<>();
    for (MetricProducer p : producers) {
      p.collect(families);
    }
    StringBuilder line = new StringBuilder(160);
    for (MetricFamily f : families) {
      for (Point p : f.points) {
        line.setLength(0);
        line.append("[vigil] metric ").append(f.name).append('{').append(p.labels.rendered()).append("} ");
        if (p.histogram != null) {
          line.append("count=").append(p.histogram.count()).append(" sum=").append(p.histogram.sum);
        } else if (p.summary != null) {
          line.append("count=").append(p.summary.count).append(" sum=").append(p.summary.sum);
        } else {
          line.append(p.value);
        }
        out.println(line);
      }
    }
  }
}
