package dev.vigil.agent.tooling;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.jvm.JvmMetrics;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otlp.OtlpMetricsPush;
import dev.vigil.agent.recording.ExecutorRecorder;
import dev.vigil.agent.profiler.ProfilerSetup;
import dev.vigil.agent.recording.HttpServerRecorder;
import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.ExecutorMetrics;
import dev.vigil.agent.signals.HttpServerMetrics;
import dev.vigil.agent.signals.Saturation;
import dev.vigil.agent.signals.SignalsJson;
import dev.vigil.agent.tracing.OtelContextCarrier;
import dev.vigil.agent.tracing.SpanExportStats;
import dev.vigil.agent.tracing.TracingSetup;
import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.exporter.http.AgentHttpServer;
import dev.vigil.exporter.http.HttpEndpoint;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.prometheus.PrometheusEndpoint;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wires the agent at start-up: config, signal core, bridge, instrumentations, exporters. Called by VigilAgent. */
public final class AgentInstaller {
  /** Set by the first start: the agent's classes load once per JVM (system class path), whatever loads it again. */
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  private AgentInstaller() {}

  public static void install(String args, Instrumentation inst, boolean lateAttach) throws Exception {
    long start = System.nanoTime();
    VigilConfig config = VigilConfig.load(args);
    configureLog(config);
    if (!config.getBoolean(ConfigKeys.ENABLED)) {
      AgentLog.info("disabled (vigil.enabled=false): nothing is instrumented");
      return;
    }
    if (!RUNNING.compareAndSet(false, true)) {
      AgentLog.warn("Vigil is already running in this JVM; this second start ("
          + (lateAttach ? "attach" : "a second -javaagent") + ") is ignored");
      return;
    }
    long windowMillis = Math.max(6_000, config.getDurationMillis(ConfigKeys.SIGNALS_WINDOW));
    ApdexThresholds apdex = new ApdexThresholds(config.getDurationMillis(ConfigKeys.APDEX_THRESHOLD),
        ApdexThresholds.parseRoutes(config.getString(ConfigKeys.APDEX_ROUTES)));
    EndpointRegistry registry = new EndpointRegistry(config.getInt(ConfigKeys.MAX_ENDPOINTS), apdex,
        windowMillis * 1_000_000L);
    AdviceErrors.install(t -> AgentLog.once(AgentLog.Level.WARN, "advice:" + t.getClass().getName(),
        "an instrumentation failed and was skipped (the application is unaffected)", t));
    HttpServerRecorder http = new HttpServerRecorder(registry);
    Bridge.install(http);
    Bridge.install(new OtelContextCarrier());
    long premainMillis = (System.nanoTime() - start) / 1_000_000;
    // ByteBuddy's set-up loads about a thousand classes (~0.5 s): do it beside the application's own start-up rather
    // than before it. Classes loaded in the meantime are retransformed when the transformer is installed.
    Thread init = new Thread(() -> finishInstall(inst, config, registry, http, lateAttach, start, premainMillis),
        "vigil-init");
    init.setDaemon(true);
    init.start();
  }

  private static void finishInstall(Instrumentation inst, VigilConfig config, EndpointRegistry registry,
      HttpServerRecorder http, boolean lateAttach, long start, long premainMillis) {
    try {
      DbSetup db = DbSetup.install(config, http); // before the transformer: its advice calls these recorders
      HttpClientSetup clients = HttpClientSetup.install(config);
      ExecutorRecorder executors = new ExecutorRecorder(config.getInt(ConfigKeys.EXECUTOR_MAX_POOLS));
      Bridge.install(executors);
      LogsSetup logs = LogsSetup.install(config); // likewise: the logging advice calls it
      ProfilerSetup.install(config, registry, inst, lateAttach); // loads nothing native; MBeans registered later
      TypePoolCache typePoolCache = new TypePoolCache();
      int modules = Instrumenter.install(inst, config, lateAttach, typePoolCache);
      SpanExportStats spans = installTracing(config);
      JvmMetrics jvm = config.getBoolean(ConfigKeys.JVM_METRICS)
          ? new JvmMetrics().virtualThreads(config.getBoolean(ConfigKeys.JVM_VIRTUAL_THREADS)) : null;
      Ticker.start(registry, jvm, typePoolCache);
      List<MetricProducer> golden = goldenSignals(registry, db, clients);
      String endpoint = startHttp(config, registry, golden, db, jvm, spans, executors, logs);
      startOtlpMetrics(config, golden);
      AgentLog.info("started in " + (System.nanoTime() - start) / 1_000_000 + " ms (premain " + premainMillis
          + " ms), " + modules + " instrumentations" + (endpoint == null ? "" : "; metrics at " + endpoint));
    } catch (Throwable t) {
      AgentLog.error("agent failed to start; the application runs without it", t);
    }
  }

  private static void configureLog(VigilConfig config) {
    String format = config.getString(ConfigKeys.LOG_FORMAT);
    try {
      AgentLog.setFormat(AgentLog.parseFormat(format));
    } catch (IllegalArgumentException e) {
      AgentLog.warn("config vigil.log.format=" + format + " is not text or json; using the default text");
    }
    AgentLog.setRepeatInterval(config.getDurationMillis(ConfigKeys.LOG_REPEAT_INTERVAL));
    String level = config.getString(ConfigKeys.LOG_LEVEL);
    try {
      AgentLog.setLevel(AgentLog.parseLevel(level));
    } catch (IllegalArgumentException e) {
      AgentLog.warn("config vigil.log.level=" + level + " is not one of debug, info, warn, error, off; using the"
          + " default info");
    }
  }

  /** The golden signals (HTTP server and client, database client): what /metrics and the OTLP push both read. */
  private static List<MetricProducer> goldenSignals(EndpointRegistry registry, DbSetup db, HttpClientSetup clients) {
    List<MetricProducer> golden = new ArrayList<>();
    golden.add(new HttpServerMetrics(registry));
    golden.addAll(db.producers());
    golden.add(clients.producer());
    return golden;
  }

  private static void startOtlpMetrics(VigilConfig config, List<MetricProducer> golden) {
    try {
      OtlpMetricsPush.start(config, golden);
    } catch (Throwable t) {
      AgentLog.error("OTLP metrics could not be set up; /metrics is unaffected", t);
    }
  }

  private static SpanExportStats installTracing(VigilConfig config) {
    try {
      return TracingSetup.install(config);
    } catch (Throwable t) {
      AgentLog.error("traces could not be set up; metrics go on without them", t);
      return null;
    }
  }

  private static String startHttp(VigilConfig config, EndpointRegistry registry, List<MetricProducer> golden,
      DbSetup db, JvmMetrics jvm, SpanExportStats spans, ExecutorRecorder executors, LogsSetup logs) {
    if (!config.getBoolean(ConfigKeys.PROMETHEUS_ENABLED)) {
      return null;
    }
    String host = config.getString(ConfigKeys.PROMETHEUS_HOST);
    int port = config.getInt(ConfigKeys.PROMETHEUS_PORT);
    List<MetricProducer> producers = new ArrayList<>(golden);
    producers.addAll(logs.producers());
    if (jvm != null) {
      producers.add(jvm);
    }
    if (spans != null) {
      producers.add(spans);
    }
    Saturation saturation = new Saturation(executors::pools, db::connectionPools);
    producers.add(new ExecutorMetrics(executors::pools));
    producers.add(saturation);
    SignalsJson signals = new SignalsJson(registry, config.serviceName(), db.nPlusOne, db.cache).withSaturation(saturation);
    Map<String, HttpEndpoint> paths = new LinkedHashMap<>();
    paths.put("/metrics", new PrometheusEndpoint(producers));
    paths.put("/vigil/signals", (headers, query) ->
        new HttpEndpoint.Response(200, "application/json", signals.render()));
    ProfilerSetup.addEndpoints(paths);
    try {
      AgentHttpServer server = AgentHttpServer.start(host, port, paths);
      return "http://" + host + ":" + server.port() + "/metrics";
    } catch (Exception e) {
      AgentLog.error("cannot serve metrics on " + host + ":" + port + " (vigil.prometheus.port); the application runs"
          + " on without the endpoint", e);
      return null;
    }
  }
}
