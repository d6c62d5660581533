package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.insight.Insight;
import dev.vigil.agent.insight.TokenGate;
import dev.vigil.agent.jvm.JvmMetrics;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.ConsoleMetrics;
import dev.vigil.agent.otlp.OtlpMetricsPush;
import dev.vigil.agent.overhead.OverheadSetup;
import dev.vigil.agent.profiler.ProfilerSetup;
import dev.vigil.agent.recording.UnrecordedServerThreads;
import dev.vigil.agent.resource.AgentResource;
import dev.vigil.agent.resource.TargetInfo;
import dev.vigil.agent.signals.ExecutorMetrics;
import dev.vigil.agent.signals.HttpServerMetrics;
import dev.vigil.agent.signals.SamplesJson;
import dev.vigil.agent.signals.Saturation;
import dev.vigil.agent.signals.SignalsJson;
import dev.vigil.agent.tracing.SpanExportStats;
import dev.vigil.agent.ui.UiPage;
import dev.vigil.exporter.http.AgentHttpServer;
import dev.vigil.exporter.http.HttpEndpoint;
import dev.vigil.exporter.http.ServerLimits;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.prometheus.PrometheusEndpoint;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reads the recorded signals, started after premain: the profiler and its MBeans, JVM metrics, the ticker, the
 * Prometheus endpoint ({@link #startEndpoint}) and the OTLP metrics push ({@link #startOtlpMetrics}).
 */
final class Exports {
  /** Where /metrics is served, or null. */
  static final class Started {
    final String endpoint;

    Started(String endpoint) {
      this.endpoint = endpoint;
    }
  }

  private Exports() {}

  static Started start(VigilConfig config, Instrumentation inst, boolean lateAttach, Signals signals,
      SpanExportStats spans) {
    ProfilerSetup.install(config, signals.registry, inst, lateAttach); // loads nothing native; MBeans registered later
    JvmMetrics jvm = config.getBoolean(ConfigKeys.JVM_METRICS)
        ? new JvmMetrics().virtualThreads(config.getBoolean(ConfigKeys.JVM_VIRTUAL_THREADS)) : null;
    Insight insight = new Insight(config, signals.registry, signals.db.nPlusOne, signals.db.cache,
        signals.executors::pools, signals.db::connectionPools, jvm == null ? null : jvm::virtualThreadsPinned);
    Ticker.start(signals.registry, jvm, insight::tick);
    List<MetricProducer> golden = goldenSignals(signals);
    MetricProducer overhead = OverheadSetup.install(config); // null unless vigil.overhead.* asks for it
    if (overhead != null) {
      golden.add(overhead); // the OTLP push reads the same list as /metrics
    }
    MetricProducer pushes = startOtlpMetrics(config, golden);
    ConsoleMetrics.start(config, golden);
    String endpoint = startEndpoint(config, signals, golden, jvm, spans, pushes, insight);
    return new Started(endpoint);
  }

  /**
   * The golden signals (HTTP server and client, database client, RPC, messaging) and the application's own
   * OpenTelemetry counters: what /metrics and the OTLP push both read.
   */
  private static List<MetricProducer> goldenSignals(Signals signals) {
    List<MetricProducer> golden = new ArrayList<>();
    golden.add(new HttpServerMetrics(signals.registry));
    golden.addAll(signals.db.producers());
    golden.add(signals.clients.producer());
    golden.add(signals.rpc.producer());
    golden.add(signals.appMetrics);
    golden.add(signals.messaging.producer());
    return golden;
  }

  /** Returns the push's own counts for /metrics, or null. */
  private static MetricProducer startOtlpMetrics(VigilConfig config, List<MetricProducer> golden) {
    try {
      return OtlpMetricsPush.start(config, golden);
    } catch (Throwable t) {
      AgentLog.error("OTLP metrics could not be set up; /metrics is unaffected", t);
      return null;
    }
  }

  /**
   * /metrics, /vigil/signals, /vigil/profile, /vigil/api/* and the page at /vigil/ (behind the token off loopback);
   * returns the /metrics URL, or null when off or failed.
   */
  private static String startEndpoint(VigilConfig config, Signals signals, List<MetricProducer> golden,
      JvmMetrics jvm, SpanExportStats spans, MetricProducer pushes, Insight insight) {
    if (!config.getBoolean(ConfigKeys.PROMETHEUS_ENABLED)) {
      return null;
    }
    String host = config.getString(ConfigKeys.PROMETHEUS_HOST);
    int port = config.getInt(ConfigKeys.PROMETHEUS_PORT);
    List<MetricProducer> producers = new ArrayList<>(golden);
    producers.addAll(signals.logs.producers());
    if (jvm != null) {
      producers.add(jvm);
    }
    if (spans != null) {
      producers.add(spans);
    }
    if (pushes != null) {
      producers.add(pushes);
    }
    producers.add(new TargetInfo(AgentResource.strings(config)));
    Saturation saturation = new Saturation(signals.executors::pools, signals.db::connectionPools);
    producers.add(new ExecutorMetrics(signals.executors::pools));
    producers.add(saturation);
    SignalsJson json = new SignalsJson(signals.registry, config.serviceName(), signals.db.nPlusOne, signals.db.cache)
        .withSaturation(saturation);
    Map<String, HttpEndpoint> paths = new LinkedHashMap<>();
    paths.put("/metrics", new PrometheusEndpoint(producers));
    paths.put("/vigil/signals", (headers, query) -> new HttpEndpoint.Response(200, "application/json", json.render()));
    SamplesJson samples =
        new SamplesJson(signals.registry, config.serviceName(), config.getInt(ConfigKeys.SIGNALS_SAMPLES));
    paths.put("/vigil/api/samples", (headers, query) -> new HttpEndpoint.Response(200, "application/json",
        samples.render())); // what the compare command reads (docs/canary.md)
    ProfilerSetup.addEndpoints(paths);
    paths.putAll(insight.endpoints());
    UiPage.addEndpoints(paths); // the page at /vigil/ (static files; it reads /vigil/api/*)
    TokenGate.apply(paths, host, config.getString(ConfigKeys.HTTP_TOKEN));
    try {
      ServerLimits limits = ServerLimits.defaults().threads(new UnrecordedServerThreads("vigil-http-"))
          .deadlines(config.getDurationMillis(ConfigKeys.PROMETHEUS_REQUEST_TIMEOUT),
              config.getDurationMillis(ConfigKeys.PROMETHEUS_RESPONSE_TIMEOUT));
      AgentHttpServer server = AgentHttpServer.start(host, port, paths, limits);
      return "http://" + host + ":" + server.port() + "/metrics";
    } catch (NoClassDefFoundError e) {
      AgentLog.error("cannot serve metrics: the JDK's jdk.httpserver module is not in this runtime (a modular"
          + " application can add it with --add-modules jdk.httpserver); the application runs on without the endpoint",
          e);
      return null;
    } catch (Exception e) {
      AgentLog.error("cannot serve metrics on " + host + ":" + port + " (vigil.prometheus.port); the application runs"
          + " on without the endpoint", e);
      return null;
    }
  }
}
