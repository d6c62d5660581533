package dev.vigil.agent.setup;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.db.ExceptionText;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.otelapi.OtelApiBridge;
import dev.vigil.agent.recording.ExecutorRecorder;
import dev.vigil.agent.recording.HttpServerRecorder;
import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.tooling.Instrumenter;
import dev.vigil.agent.tracing.OtelContextCarrier;
import dev.vigil.agent.tracing.SpanExportStats;
import dev.vigil.agent.tracing.TracingSetup;
import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What starts in which order. In premain, before the application's main: the configuration, the recorders on the
 * bridge, the tracer when traces are on, then the instrumentation, so every request served after premain returns is
 * recorded. Then, on a short-lived thread beside the application's start-up, what only reads or exports what is
 * recorded (the endpoint, the OTLP metrics push, the profiler, JVM metrics, the ticker). One line gives the time of
 * each phase. Called by VigilAgent.
 */
public final class AgentStartup {
  /** Set by the first start: the agent's classes load once per JVM (system class path), whatever loads it again. */
  private static final AtomicBoolean RUNNING = new AtomicBoolean();
  private static final CountDownLatch STARTED = new CountDownLatch(1);
  private static volatile String startOutcome;

  private AgentStartup() {}

  /** Whether Vigil runs (or is starting) in this JVM: for the command line's attach. */
  public static boolean running() {
    return RUNNING.get();
  }

  /** The line that ended the start ("started in ..." or "failed to start: ..."); null when not ended within millis. */
  public static String awaitStart(long millis) throws InterruptedException {
    return STARTED.await(millis, TimeUnit.MILLISECONDS) ? startOutcome : null;
  }

  private static void finished(String outcome) {
    startOutcome = outcome;
    STARTED.countDown();
  }

  public static void install(String args, Instrumentation inst, boolean lateAttach) throws Exception {
    Phases phases = new Phases();
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
    phases.end("config");
    Signals signals = recorders(config);
    if (config.getBoolean(ConfigKeys.TEST_FAIL_ADVICE)) {
      FailingHandlers.install(); // test only: in place of every handler installed above
    }
    phases.end("recorders");
    SpanExportStats spans = installTracing(config); // before the instrumentation: the first request gets its span
    phases.end("traces");
    Instrumenter.Installed installed = Instrumenter.install(inst, config);
    phases.end("instrumentation");
    phases.endPremain();
    Thread background = new Thread(new Runnable() {
      @Override
      public void run() {
        startReaders(config, inst, lateAttach, signals, spans, installed, phases);
      }
    }, "vigil-init");
    background.setDaemon(true);
    background.start();
  }

  /** The signal core and every recorder the advice calls, on the bridge: all before any class is woven. */
  private static Signals recorders(VigilConfig config) {
    long windowMillis = Math.max(6_000, config.getDurationMillis(ConfigKeys.SIGNALS_WINDOW));
    ApdexThresholds apdex = new ApdexThresholds(config.getDurationMillis(ConfigKeys.APDEX_THRESHOLD),
        ApdexThresholds.parseRoutes(config.getString(ConfigKeys.APDEX_ROUTES)));
    EndpointRegistry registry = new EndpointRegistry(config.getInt(ConfigKeys.MAX_ENDPOINTS),
        config.getInt(ConfigKeys.MAX_DERIVED_ROUTES), apdex,
        windowMillis * 1_000_000L).samplesPerEndpoint(Math.min(65_536, config.getInt(ConfigKeys.SIGNALS_SAMPLES)));
    AdviceErrors.install((t, where) -> AgentLog.once(AgentLog.Level.WARN, "advice:" + where + ":" + t.getClass()
        .getName(), "instrumentation " + where + " failed and was skipped (the application is unaffected)", t));
    HttpServerRecorder http = new HttpServerRecorder(registry);
    Bridge.install(http);
    Bridge.install(new OtelContextCarrier());
    OtelApiBridge otelApi = new OtelApiBridge();
    Bridge.install(otelApi);
    DbSetup db = DbSetup.install(config, http);
    HttpClientSetup clients = HttpClientSetup.install(config, http);
    RpcSetup rpc = RpcSetup.install(config, registry);
    ExecutorRecorder executors = new ExecutorRecorder(config.getInt(ConfigKeys.EXECUTOR_MAX_POOLS));
    Bridge.install(executors);
    LogsSetup logs = LogsSetup.install(config);
    MessagingSetup messaging = MessagingSetup.install(config);
    return new Signals(registry, db, clients, rpc, executors, logs, otelApi.metrics(), messaging);
  }

  /** Off the application's main thread: nothing here records, so nothing is lost while it runs. */
  private static void startReaders(VigilConfig config, Instrumentation inst, boolean lateAttach, Signals signals,
      SpanExportStats spans, Instrumenter.Installed installed, Phases phases) {
    try {
      Exports.Started exports = Exports.start(config, inst, lateAttach, signals, spans);
      phases.end("exports");
      int n = installed.retransformed;
      String retransformed = n + (n == 1 ? " loaded class" : " loaded classes");
      String started = "started in " + phases.summary() + ", " + installed.modules + " instrumentations ("
          + retransformed + " retransformed)"
          + (exports.endpoint == null ? "" : "; metrics at " + exports.endpoint);
      AgentLog.info(started);
      finished(started);
    } catch (Throwable t) {
      AgentLog.error("the agent's endpoint and exports failed to start; recording goes on without them", t);
      finished("started without its endpoint and exports: " + ExceptionText.describe(t));
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
}
