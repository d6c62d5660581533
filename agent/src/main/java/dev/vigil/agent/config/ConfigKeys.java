package dev.vigil.agent.config;

import static dev.vigil.agent.config.ConfigKey.Type.BOOLEAN;
import static dev.vigil.agent.config.ConfigKey.Type.DURATION;
import static dev.vigil.agent.config.ConfigKey.Type.INT;
import static dev.vigil.agent.config.ConfigKey.Type.LIST;
import static dev.vigil.agent.config.ConfigKey.Type.NUMBER;
import static dev.vigil.agent.config.ConfigKey.Type.STRING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every configuration key Vigil reads. docs/configuration.md is generated from this list (a test compares them). */
public final class ConfigKeys {
  private static final List<ConfigKey> ALL = new ArrayList<>();

  public static final ConfigKey ENABLED = key("vigil.enabled", BOOLEAN, "true",
      "false turns the whole agent off: nothing is instrumented, no port is opened.");
  public static final ConfigKey CONFIG_FILE = key("vigil.config", STRING, "",
      "Path of a properties file with more keys. System properties and environment variables win over it.");
  public static final ConfigKey SERVICE_NAME = key("vigil.service.name", STRING, "",
      "Service name. Defaults to OTEL_SERVICE_NAME, then service.name in OTEL_RESOURCE_ATTRIBUTES, then"
          + " unknown_service:java.");
  public static final ConfigKey LOG_LEVEL = key("vigil.log.level", STRING, "info",
      "Level of the agent's own log on standard error: debug, info, warn, error or off.");
  public static final ConfigKey PROMETHEUS_ENABLED = key("vigil.prometheus.enabled", BOOLEAN, "true",
      "Serve /metrics (Prometheus) and /vigil/signals (JSON).");
  public static final ConfigKey PROMETHEUS_HOST = key("vigil.prometheus.host", STRING, "127.0.0.1",
      "Address the metrics endpoint binds to. Use 0.0.0.0 to let a remote Prometheus scrape it.");
  public static final ConfigKey PROMETHEUS_PORT = key("vigil.prometheus.port", INT, "9464",
      "Port of the metrics endpoint. 0 picks a free port (written to the agent log).");
  public static final ConfigKey PROMETHEUS_REQUEST_TIMEOUT = key("vigil.prometheus.request_timeout", DURATION, "5s",
      "Longest time a client of the metrics endpoint may take to send a whole request, from its first byte; then the"
          + " connection is closed.");
  public static final ConfigKey PROMETHEUS_RESPONSE_TIMEOUT = key("vigil.prometheus.response_timeout", DURATION,
      "10s", "Longest time the metrics endpoint spends producing and writing an answer; a client that does not read"
          + " it is cut off then.");
  public static final ConfigKey HTTP_TOKEN = key("vigil.http.token", STRING, "",
      "Bearer token for /vigil/* (JSON API, page, signals, profiles) when vigil.prometheus.host is not a loopback"
          + " address: requests need Authorization: Bearer <token>. Without it those paths are not served on such an"
          + " address. /metrics is not affected.");
  public static final ConfigKey UI_TRACE_URL = key("vigil.ui.trace_url", STRING, "",
      "Link template to a trace in your tracing UI, with {trace_id}, e.g. http://localhost:16686/trace/{trace_id}"
          + " (Jaeger); given to the page by /vigil/api/route.");
  public static final ConfigKey SLO_P99 = key("vigil.slo.<route>.p99", STRING, "",
      "Latency objective of one route, a duration (route template in the key: vigil.slo./products/{id}.p99=200ms): 99%"
          + " of requests faster."
          + " /vigil/api/diagnosis reports its burn rate over the sliding window. System property, agent option or"
          + " file only.");
  public static final ConfigKey SLO_ERROR_RATE = key("vigil.slo.<route>.error_rate", NUMBER, "",
      "Error objective of one route: at most this fraction (e.g. 0.01) of requests fail; burn rate as for .p99.");
  public static final ConfigKey SIGNALS_WINDOW = key("vigil.signals.window", DURATION, "60s",
      "Sliding window of the latency percentiles, rates and Apdex scores (at least 6s).");
  public static final ConfigKey SIGNALS_SAMPLES = key("vigil.signals.samples", INT, "1024",
      "Latencies of successful requests kept per endpoint over the window, a uniform random sample that"
          + " /vigil/api/samples serves to the compare command (docs/canary.md); about 4 bytes each. 0 keeps none.");
  public static final ConfigKey APDEX_THRESHOLD = key("vigil.apdex.threshold", DURATION, "500ms",
      "Apdex T: a request is satisfied up to T, tolerating up to 4T, frustrated beyond or when it fails.");
  public static final ConfigKey APDEX_ROUTES = key("vigil.apdex.routes", LIST, "",
      "Per-route Apdex T, comma-separated route=duration pairs, e.g. /search=2s,/owners/{id}=200ms.");
  public static final ConfigKey MAX_ENDPOINTS = key("vigil.metrics.max_endpoints", INT, "500",
      "Most endpoints (method + route) recorded separately. Past it a framework's route takes the place of a route"
          + " made from a path; when there is none, new endpoints fold into route _other.");
  public static final ConfigKey MAX_DERIVED_ROUTES = key("vigil.metrics.max_derived_routes", INT, "64",
      "Of those, most endpoints whose route was made from the request path (no framework template: paths below a JDK"
          + " HttpServer context, path-mapped servlets). Past it, one idle for a whole tick gives its place to a new"
          + " one, else the new one folds into _other. Each place holds about 75 KB.");
  public static final ConfigKey JVM_METRICS = key("vigil.jvm.metrics.enabled", BOOLEAN, "true",
      "Export JVM metrics (CPU, memory, GC, threads, classes) with OpenTelemetry JVM names.");
  public static final ConfigKey N_PLUS_ONE_THRESHOLD = key("vigil.n_plus_one.threshold", INT, "5",
      "A request that runs the same SQL statement this many times is an N+1 finding (0 turns detection off).");
  public static final ConfigKey DB_QUERY_MAX_LENGTH = key("vigil.db.query.max_length", INT, "1024",
      "Longest sanitized SQL text kept (db.query.text, N+1 findings); longer statements are cut.");
  public static final ConfigKey DB_MAX_SERIES = key("vigil.db.max_series", INT, "500",
      "Most db_client_operation_duration_seconds series (system, operation, table, error); later tables fold into"
          + " _other.");
  public static final ConfigKey EXECUTOR_MAX_POOLS = key("vigil.executors.max_pools", INT, "64",
      "Most thread pools with their own vigil_executor_* series; later pools share executor_name=\"_other\".");
  public static final ConfigKey JVM_VIRTUAL_THREADS = key("vigil.jvm.virtual_threads.enabled", BOOLEAN, "true",
      "On Java 21+, count virtual threads started and pinned from a JFR event stream, and log each pinning stack once"
          + " per site.");
  public static final ConfigKey HTTP_CLIENT_MAX_ADDRESSES = key("vigil.http.client.max_addresses", INT, "100",
      "Most server addresses (server_address label) of http_client_request_duration_seconds; later ones are _other.");
  public static final ConfigKey HTTP_CLIENT_MAX_SERIES = key("vigil.http.client.max_series", INT, "1000",
      "Most http_client_request_duration_seconds series (method, address, port, status, error); later ones fold into"
          + " _other.");
  public static final ConfigKey RPC_MAX_SERIES = key("vigil.rpc.max_series", INT, "1000",
      "Most series of rpc_server_call_duration_seconds and of rpc_client_call_duration_seconds each (method, status);"
          + " later ones fold into _other.");
  public static final ConfigKey HTTP_CLIENT_CAPTURE_QUERY = key("vigil.http.client.capture_query", BOOLEAN, "false",
      "Keep the query string in url.full of client spans. Off by default: queries often carry tokens. User-info is"
          + " always removed.");
  public static final ConfigKey REDIS_CAPTURE_KEY = key("vigil.redis.capture_key", BOOLEAN, "false",
      "Record a Redis command's first key on its span (db.redis.key). Never for AUTH, HELLO, CONFIG, ACL, MIGRATE;"
          + " arguments and values are never recorded.");
  public static final ConfigKey MESSAGING_MAX_SERIES = key("vigil.messaging.max_series", INT, "500",
      "Most messaging_client_operation_duration_seconds and messaging_process_duration_seconds series (system,"
          + " operation, destination, error), and as many vigil_kafka_consumer_lag series (consumer group, topic,"
          + " partition); later destinations fold into _other.");
  public static final ConfigKey TRACES_ENABLED = key("vigil.traces.enabled", STRING, "auto",
      "Traces: true exports spans over OTLP (to http://localhost:4318 unless OTEL_EXPORTER_OTLP_ENDPOINT says"
          + " otherwise), false records none, auto (the default) exports when OTEL_EXPORTER_OTLP_ENDPOINT or"
          + " OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, or where OTEL_TRACES_EXPORTER says (otlp, console, both)."
          + " OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn traces off.");
  public static final ConfigKey EXPORTER_SHUTDOWN_TIMEOUT = key("vigil.exporter.shutdown.timeout", DURATION, "5s",
      "At JVM shutdown (SIGTERM or System.exit), the longest the agent spends exporting the spans and log records"
          + " still queued: an export still in flight is cut, the rest are counted as dropped (reason shutdown).");
  public static final ConfigKey OVERHEAD_MAX_CPU = key("vigil.overhead.max_cpu", NUMBER, "",
      "A CPU budget: the most the agent may use, as a share of the process's CPU (0.02: 2%). Above it the trace"
          + " sampling ratio is lowered (metrics are never cut), and raised again when there is room; each change is"
          + " logged. Empty: no budget. Implies vigil.overhead.measure. See docs/tracing.md.");
  public static final ConfigKey OVERHEAD_MEASURE = key("vigil.overhead.measure", BOOLEAN, "false",
      "Measure the agent's own CPU and export vigil_agent_cpu_ratio without keeping a budget. Streams JFR execution"
          + " samples in-process (Java 14+): adds the vigil-overhead thread and JFR's own threads.");
  public static final ConfigKey OVERHEAD_INTERVAL = key("vigil.overhead.interval", DURATION, "10s",
      "Window over which the agent's CPU is measured and the budget acts (at least 1s).");
  public static final ConfigKey OTLP_METRICS_ENABLED = key("vigil.otlp.metrics.enabled", STRING, "auto",
      "Push the golden-signal metrics (HTTP server and client, database client) over OTLP every OTEL_METRIC_EXPORT_INTERVAL: true,"
          + " false, or auto (the default: when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is"
          + " set, or where OTEL_METRICS_EXPORTER says: otlp, console, both; none or OTEL_SDK_DISABLED=true turn it"
          + " off).");
  public static final ConfigKey INSTRUMENTATION_ENABLED = key("vigil.instrumentation.<name>.enabled", BOOLEAN, "true",
      "false turns off one instrumentation. Names: jdk-httpserver, servlet-javax, servlet-jakarta, spring-webmvc,"
          + " netty-http-server, spring-webflux, jaxrs-jersey, jaxrs-resteasy,"
          + " tomcat-request, jetty-request, undertow-request, jdbc,"
          + " hikaricp, executors, jetty-threadpool, tomcat-executor, xnio-worker, netty-event-loops,"
          + " http-url-connection, jdk-httpclient,"
          + " apache-httpclient5, apache-httpclient4, okhttp, netty-client, reactor-netty, reactor, logback, log4j2,"
          + " jedis,"
          + " lettuce, dbcp2, grpc, rabbitmq, kafka, opentelemetry-api, opentelemetry-annotations.");
  public static final ConfigKey LOG_FORMAT = key("vigil.log.format", STRING, "text",
      "Format of the agent's own log lines: text ([vigil] LEVEL message) or json (one JSON object per line).");
  public static final ConfigKey LOG_REPEAT_INTERVAL = key("vigil.log.repeat_interval", DURATION, "60s",
      "A repeated agent warning is written once per interval, with the count of repeats suppressed meanwhile.");
  public static final ConfigKey LOGS_MDC_ENABLED = key("vigil.logs.mdc.enabled", BOOLEAN, "true",
      "Add the current span's trace id, span id and trace flags to each Logback / Log4j2 event's MDC (context data)"
          + " and to the JUL dev.vigil.jul.TraceFormatter. Instrumentations: logback, log4j2.");
  public static final ConfigKey LOGS_MDC_TRACE_ID_KEY = key("vigil.logs.mdc.trace_id_key", STRING, "trace_id",
      "MDC key of the trace id (32 hex digits): %X{trace_id} in a layout pattern.");
  public static final ConfigKey LOGS_MDC_SPAN_ID_KEY = key("vigil.logs.mdc.span_id_key", STRING, "span_id",
      "MDC key of the span id (16 hex digits).");
  public static final ConfigKey LOGS_MDC_TRACE_FLAGS_KEY = key("vigil.logs.mdc.trace_flags_key", STRING,
      "trace_flags", "MDC key of the trace flags (2 hex digits, 01 when sampled).");
  public static final ConfigKey LOGS_EXPORTER = key("vigil.logs.exporter", STRING, "auto",
      "otlp exports the application's log records (Logback, Log4j2) over OTLP with their trace context, console"
          + " prints one line per record on standard output, otlp,console does both, none neither; auto (the default)"
          + " exports over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_LOGS_ENDPOINT is set. Defaults to"
          + " OTEL_LOGS_EXPORTER, then auto; OTEL_SDK_DISABLED=true turns it off.");
  public static final ConfigKey LOGS_QUEUE_SIZE = key("vigil.logs.queue_size", INT, "2048",
      "Log records waiting for OTLP export; when full, new records are dropped and counted in"
          + " vigil_exporter_logs_dropped_total{reason=\"queue_full\"}.");
  public static final ConfigKey LOGS_QUEUE_MAX_BYTES = key("vigil.logs.queue_max_bytes", INT, "16777216",
      "Heap the log records waiting for OTLP export may hold (estimated: two bytes a character, 4 KiB a throwable);"
          + " past it new records are dropped and counted in vigil_exporter_logs_dropped_total{reason=\"queue_bytes\"}.");
  public static final ConfigKey LOGS_MAX_VALUE_LENGTH = key("vigil.logs.max_value_length", INT, "16384",
      "Longest log message (cut before it is queued) and exported string attribute (exception message, stack trace),"
          + " in characters; what was cut is named in the record's vigil.log.cut attribute. A lower"
          + " OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT wins for attributes.");
  public static final ConfigKey LOGS_EXPORT_INTERVAL = key("vigil.logs.export_interval", DURATION, "1s",
      "Longest time a log record waits before its batch is exported over OTLP.");
  public static final ConfigKey PROFILER_ENABLED = key("vigil.profiler.enabled", BOOLEAN, "true",
      "Offer CPU, wall-clock, allocation and lock profiles (JMX dev.vigil:type=Profiler, /vigil/profile). Nothing is"
          + " loaded until a profile starts.");
  public static final ConfigKey PROFILER_NATIVE = key("vigil.profiler.native", BOOLEAN, "true",
      "Use the bundled async-profiler native library. false (or a platform without it) samples with JFR instead.");
  public static final ConfigKey PROFILER_INTERVAL = key("vigil.profiler.interval", DURATION, "10ms",
      "Sampling interval of on-demand cpu and wall profiles (CPU time per sample for cpu).");
  public static final ConfigKey PROFILER_DIR = key("vigil.profiler.dir", STRING, "",
      "Directory for recordings and flame graphs. Empty: a fresh owner-only temporary directory per process.");
  public static final ConfigKey PROFILER_KEEP = key("vigil.profiler.keep", INT, "10",
      "On-demand recordings kept on disk (with their flame graphs); older ones are deleted.");
  public static final ConfigKey PROFILER_CONTINUOUS = key("vigil.profiler.continuous", BOOLEAN, "false",
      "Profile CPU all the time at a low rate, in rotating windows; the newest is served at /vigil/profile.");
  public static final ConfigKey PROFILER_CONTINUOUS_EVENT = key("vigil.profiler.continuous.event", STRING, "cpu",
      "How continuous profiling samples CPU: cpu (perf_events; itimer when the kernel refuses them), itimer (one"
          + " process-wide timer) or ctimer (per-thread timers). See docs/profiling.md.");
  public static final ConfigKey PROFILER_CONTINUOUS_INTERVAL = key("vigil.profiler.continuous.interval", DURATION,
      "50ms", "Sampling interval of continuous profiling (CPU time per sample).");
  public static final ConfigKey PROFILER_CONTINUOUS_WINDOW = key("vigil.profiler.continuous.window", DURATION, "60s",
      "Length of one continuous profiling window (at least 1s).");
  public static final ConfigKey PROFILER_CONTINUOUS_KEEP = key("vigil.profiler.continuous.keep", INT, "5",
      "Continuous windows kept on disk; older ones are deleted.");
  public static final ConfigKey JMX_ENABLED = key("vigil.jmx.enabled", BOOLEAN, "true",
      "Register the MBeans dev.vigil:type=Profiler and dev.vigil:type=Agent (Vigil never opens a JMX port).");
  public static final ConfigKey JMX_DELAY = key("vigil.jmx.delay", DURATION, "5s",
      "How long after start-up the MBeans are registered (so that an application server sets up JMX first) and"
          + " continuous profiling starts. 0 when Vigil is attached to a running JVM.");

  /** Test only: never set in production (the hostile-world suite's failing-advice case). */
  public static final ConfigKey TEST_FAIL_ADVICE = testKey("vigil.test.fail_advice",
      "true makes every handler the instrumentations call throw, to show that the application then serves every"
          + " request as without the agent and that the agent says once per instrumentation that it failed.");

  private ConfigKeys() {}

  private static ConfigKey key(String name, ConfigKey.Type type, String defaultValue, String description) {
    ConfigKey key = new ConfigKey(name, type, defaultValue, description, false);
    ALL.add(key);
    return key;
  }

  private static ConfigKey testKey(String name, String description) {
    ConfigKey key = new ConfigKey(name, BOOLEAN, "false", description, true);
    ALL.add(key);
    return key;
  }

  public static List<ConfigKey> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The key that turns one instrumentation on or off. */
  public static String instrumentationEnabled(String name) {
    return "vigil.instrumentation." + name + ".enabled";
  }
}
