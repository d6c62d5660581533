package dev.vigil.agent.otlp;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.resource.AgentResource;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import dev.vigil.exporter.otlp.OtlpMetrics;
import dev.vigil.exporter.prometheus.PrometheusEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pushes the golden-signal metrics through the metrics' OTLP channel every {@code OTEL_METRIC_EXPORT_INTERVAL}, read
 * from the same producers {@code /metrics} reads (cumulative, so a scrape and a push agree). One daemon thread; the
 * channel is opened on its first push. A push that fails is counted and not retried: the next one carries fresh
 * cumulative numbers (nothing queues up). Its own counts are a producer for {@code /metrics}.
 */
public final class OtlpMetricsPush implements Runnable, MetricProducer {
  private final List<MetricProducer> producers;
  private final Map<String, String> resource;
  private final OtlpSettings settings;
  private final long intervalMillis;
  private final boolean exponential;
  private final long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
  private final OtlpNaming naming = new OtlpNaming();
  private final LongAdder exported = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private OtlpChannel channel;

  private OtlpMetricsPush(VigilConfig config, List<MetricProducer> producers) {
    this.producers = producers;
    this.resource = AgentResource.strings(config);
    this.settings = OtlpSettings.of(config, OtlpSignal.METRICS);
    this.intervalMillis = OtelConfig.of(config).millis(OtelKeys.METRIC_EXPORT_INTERVAL);
    this.exponential = "base2_exponential_bucket_histogram".equals(settings.defaultHistogramAggregation());
  }

  /** Whether metrics are pushed: vigil.otlp.metrics.enabled true/false, or auto (an OTLP endpoint is configured). */
  public static boolean enabled(VigilConfig config) {
    return destinations(config).contains("otlp");
  }

  /**
   * Where the golden-signal metrics are pushed: otlp, console, both or nowhere. OTEL_SDK_DISABLED=true and
   * OTEL_METRICS_EXPORTER=none win; then vigil.otlp.metrics.enabled (true: otlp); auto follows OTEL_METRICS_EXPORTER
   * when set, else an OTLP endpoint being configured.
   */
  public static Set<String> destinations(VigilConfig config) {
    OtelConfig otel = OtelConfig.of(config);
    Set<String> exporters = new LinkedHashSet<>(otel.exporters(OtelKeys.METRICS_EXPORTER));
    exporters.remove("prometheus"); // the endpoint runs anyway (vigil.prometheus.enabled)
    if (otel.sdkDisabled() || exporters.contains("none")) {
      return Set.of();
    }
    String v = config.getString(ConfigKeys.OTLP_METRICS_ENABLED).toLowerCase(Locale.ROOT);
    if (v.equals("true")) {
      return exporters.isEmpty() ? Set.of("otlp") : exporters;
    }
    if (v.equals("false")) {
      return Set.of();
    }
    if (!v.equals("auto")) {
      AgentLog.warn("config vigil.otlp.metrics.enabled=" + v + " is not true, false or auto; using the default auto");
    }
    if (!exporters.isEmpty()) {
      return exporters;
    }
    return otel.isSet(OtelKeys.OTLP_ENDPOINT) || set(config.otel("otel.exporter.otlp.metrics.endpoint"))
        ? Set.of("otlp") : Set.of();
  }

  private static boolean set(String v) {
    return v != null && !v.isEmpty();
  }

  /** Starts the push thread when enabled; returns its counts for /metrics, or null. */
  public static MetricProducer start(VigilConfig config, List<MetricProducer> producers) {
    if (!enabled(config)) {
      return null;
    }
    OtlpMetricsPush push = new OtlpMetricsPush(config, producers);
    Thread t = new Thread(push, "vigil-otlp-metrics");
    t.setDaemon(true);
    t.start();
    AgentLog.info("metrics to " + push.settings.describe() + " every " + push.intervalMillis + " ms");
    return push;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Thread.sleep(intervalMillis);
        push();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void push() {
    OtlpChannel.Outcome outcome;
    try {
      List<MetricFamily> families = new ArrayList<>();
      for (MetricProducer p : producers) {
        p.collect(families);
      }
      byte[] body = OtlpMetrics.encode(resource, "dev.vigil", PrometheusEndpoint.merge(families), startEpochNanos,
          System.currentTimeMillis() * 1_000_000L, naming, exponential);
      if (channel == null) {
        channel = OtlpChannels.open(settings);
      }
      outcome = channel.send(OtlpMessages.of(body));
    } catch (RuntimeException | LinkageError e) {
      AgentLog.every(AgentLog.Level.WARN, "otlp-metrics", "pushing metrics failed (" + e + ")", null);
      outcome = OtlpChannel.Outcome.FAILED;
    }
    (outcome == OtlpChannel.Outcome.SENT ? exported : outcome == OtlpChannel.Outcome.TIMEOUT ? timedOut : failed)
        .increment();
  }

  @Override
  public void collect(List<MetricFamily> out) {
    out.add(MetricFamily.otel("vigil.exporter.metrics.exported", "", MetricFamily.Type.COUNTER,
        "OTLP metric pushes the endpoint accepted.", List.of(Point.value(Labels.EMPTY, exported.sum()))));
    out.add(MetricFamily.otel("vigil.exporter.metrics.dropped", "", MetricFamily.Type.COUNTER,
        "OTLP metric pushes not accepted, by reason: export_failed (refused or unreachable), timeout (no answer"
            + " within OTEL_EXPORTER_OTLP_METRICS_TIMEOUT). The next push carries the cumulative values again.",
        List.of(Point.value(Labels.of("reason", "export_failed"), failed.sum()),
            Point.value(Labels.of("reason", "timeout"), timedOut.sum()))));
  }
}
