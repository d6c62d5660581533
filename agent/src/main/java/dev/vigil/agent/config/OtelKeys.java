package dev.vigil.agent.config;

import static dev.vigil.agent.config.OtelKey.Type.BOOLEAN;
import static dev.vigil.agent.config.OtelKey.Type.CHOICE;
import static dev.vigil.agent.config.OtelKey.Type.DURATION;
import static dev.vigil.agent.config.OtelKey.Type.FILE;
import static dev.vigil.agent.config.OtelKey.Type.INT;
import static dev.vigil.agent.config.OtelKey.Type.LIST;
import static dev.vigil.agent.config.OtelKey.Type.PAIRS;
import static dev.vigil.agent.config.OtelKey.Type.RATIO;
import static dev.vigil.agent.config.OtelKey.Type.STRING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of the OpenTelemetry SDK environment-variable specification Vigil reads, as data: the defaults the
 * code uses and the OpenTelemetry table of docs/configuration.md both come from here ({@link OtelConfig} parses,
 * {@link ConfigDocs} renders, a test compares the file and sets every row).
 */
public final class OtelKeys {
  private static final List<OtelKey> ALL = new ArrayList<>();
  private static final Map<String, OtelKey> BY_VIGIL_KEY = new HashMap<>();

  // General
  public static final OtelKey SDK_DISABLED = key("otel.sdk.disabled", BOOLEAN, "false", "all",
      "`true` turns every OpenTelemetry signal off: no span, log record or metric is exported over OTLP or to the"
          + " console (the Prometheus endpoint stays).");
  public static final OtelKey SERVICE_NAME = alias("otel.service.name", STRING, "", "resource",
      "vigil.service.name", "Service name (`service.name`); wins over `service.name` in `OTEL_RESOURCE_ATTRIBUTES`."
          + " Default `unknown_service:java`.");
  public static final OtelKey RESOURCE_ATTRIBUTES = key("otel.resource.attributes", PAIRS, "", "resource",
      "Resource attributes, comma-separated `key=value` pairs, values percent-encoded; they win over the detected"
          + " ones. An entry without `=` or with a bad `%` escape is skipped with one warning.");
  public static final OtelKey RESOURCE_DISABLED_KEYS = key("otel.resource.disabled.keys", LIST, "", "resource",
      "Resource attribute keys to leave out, comma-separated (e.g. `process.command_args,host.name`).");
  public static final OtelKey LOG_LEVEL = alias("otel.log.level", STRING, "info", "all", "vigil.log.level",
      "Level of the agent's own log: `debug`, `info`, `warn`, `error` or `off`.");
  public static final OtelKey PROPAGATORS = key("otel.propagators", LIST, "tracecontext,baggage", "traces",
      "Context propagators, comma-separated: `tracecontext`, `baggage`, `b3`, `b3multi`, `jaeger`, `none`.",
      "tracecontext", "baggage", "b3", "b3multi", "jaeger", "none");
  public static final OtelKey TRACES_SAMPLER = key("otel.traces.sampler", CHOICE, "parentbased_always_on", "traces",
      "Sampler of new traces.", "always_on", "always_off", "traceidratio", "parentbased_always_on",
      "parentbased_always_off", "parentbased_traceidratio");
  public static final OtelKey TRACES_SAMPLER_ARG = key("otel.traces.sampler.arg", RATIO, "1.0", "traces",
      "Ratio of the `traceidratio` samplers, 0 to 1.");

  // Exporter selection
  public static final OtelKey TRACES_EXPORTER = key("otel.traces.exporter", LIST, "", "traces",
      "Where spans go: `otlp`, `console` (one line per span on standard output; `logging` is the same), `none`,"
          + " or a comma-separated list. Unset: see `vigil.traces.enabled`.", "otlp", "console", "logging", "none");
  public static final OtelKey METRICS_EXPORTER = key("otel.metrics.exporter", LIST, "", "metrics",
      "Where the golden-signal metrics are pushed: `otlp`, `console` (one line per point on standard output),"
          + " `none`, or a list; `prometheus` is accepted (the endpoint always runs). Unset: see"
          + " `vigil.otlp.metrics.enabled`.", "otlp", "console", "logging", "prometheus", "none");
  public static final OtelKey LOGS_EXPORTER = alias("otel.logs.exporter", LIST, "", "logs", "vigil.logs.exporter",
      "Where the application's log records go: `otlp`, `console` (one line per record on standard output), `none`,"
          + " or a list.", "otlp", "console", "logging", "none");

  // Batch span processor
  public static final OtelKey BSP_SCHEDULE_DELAY = key("otel.bsp.schedule.delay", DURATION, "5000", "traces",
      "Milliseconds between two span exports.");
  public static final OtelKey BSP_EXPORT_TIMEOUT = key("otel.bsp.export.timeout", DURATION, "30000", "traces",
      "Milliseconds one span export may take; the lower of it and the traces' OTLP timeout wins.");
  public static final OtelKey BSP_MAX_QUEUE_SIZE = key("otel.bsp.max.queue.size", INT, "2048", "traces",
      "Spans waiting for export; past it new spans are dropped and counted (`reason=\"queue_full\"`).");
  public static final OtelKey BSP_MAX_EXPORT_BATCH_SIZE = key("otel.bsp.max.export.batch.size", INT, "512",
      "traces", "Most spans in one export (at most the queue size).");

  // Batch log record processor
  public static final OtelKey BLRP_SCHEDULE_DELAY = alias("otel.blrp.schedule.delay", DURATION, "1000", "logs",
      "vigil.logs.export_interval", "Milliseconds a log record waits at most before its batch is exported.");
  public static final OtelKey BLRP_EXPORT_TIMEOUT = key("otel.blrp.export.timeout", DURATION, "30000", "logs",
      "Milliseconds one log export may take; the lower of it and the logs' OTLP timeout wins.");
  public static final OtelKey BLRP_MAX_QUEUE_SIZE = alias("otel.blrp.max.queue.size", INT, "2048", "logs",
      "vigil.logs.queue_size", "Log records waiting for export; past it new records are dropped and counted.");
  public static final OtelKey BLRP_MAX_EXPORT_BATCH_SIZE = key("otel.blrp.max.export.batch.size", INT, "512", "logs",
      "Most log records in one export.");

  // Limits
  public static final OtelKey ATTRIBUTE_VALUE_LENGTH_LIMIT = key("otel.attribute.value.length.limit", INT, "",
      "all", "Longest string attribute value kept, in characters, for spans, span events and log records, unless a"
          + " signal's own limit says otherwise. Unset: Vigil cuts at 4096.");
  public static final OtelKey ATTRIBUTE_COUNT_LIMIT = key("otel.attribute.count.limit", INT, "128", "all",
      "Most attributes per span, span event and log record, unless a signal's own limit says otherwise; more are"
          + " dropped and counted in the OTLP `dropped_attributes_count`.");
  public static final OtelKey SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT = key("otel.span.attribute.value.length.limit", INT,
      "", "traces", "Longest string attribute value of a span or span event (default: the general limit).");
  public static final OtelKey SPAN_ATTRIBUTE_COUNT_LIMIT = key("otel.span.attribute.count.limit", INT, "", "traces",
      "Most attributes a span records beyond those of its instrumentation (default: the general limit).");
  public static final OtelKey SPAN_EVENT_COUNT_LIMIT = key("otel.span.event.count.limit", INT, "128", "traces",
      "Most events (exceptions included) per span.");
  public static final OtelKey SPAN_LINK_COUNT_LIMIT = key("otel.span.link.count.limit", INT, "128", "traces",
      "Most links per span (links the application adds through the OpenTelemetry API); more are counted as dropped.");
  public static final OtelKey EVENT_ATTRIBUTE_COUNT_LIMIT = key("otel.event.attribute.count.limit", INT, "", "traces",
      "Most attributes per span event (default: the general limit).");
  public static final OtelKey LINK_ATTRIBUTE_COUNT_LIMIT = key("otel.link.attribute.count.limit", INT, "", "traces",
      "Most attributes per span link (default: the general limit).");
  public static final OtelKey LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT = key(
      "otel.logrecord.attribute.value.length.limit", INT, "", "logs",
      "Longest string attribute value of a log record (default: the general limit).");
  public static final OtelKey LOGRECORD_ATTRIBUTE_COUNT_LIMIT = key("otel.logrecord.attribute.count.limit", INT, "",
      "logs", "Most attributes per log record (default: the general limit).");

  // Metrics
  public static final OtelKey METRIC_EXPORT_INTERVAL = key("otel.metric.export.interval", DURATION, "60000",
      "metrics", "Milliseconds between two metric pushes.");
  public static final OtelKey METRIC_EXPORT_TIMEOUT = key("otel.metric.export.timeout", DURATION, "30000", "metrics",
      "Milliseconds one metric push may take; the lower of it and the metrics' OTLP timeout wins.");
  public static final OtelKey METRICS_EXEMPLAR_FILTER = key("otel.metrics.exemplar.filter", CHOICE, "trace_based",
      "metrics", "Which measurements may become exemplars.", "trace_based", "always_on", "always_off");
  public static final OtelKey TEMPORALITY_PREFERENCE = key("otel.exporter.otlp.metrics.temporality.preference",
      CHOICE, "cumulative", "metrics", "Temporality of pushed sums and histograms: `cumulative`, `delta` or"
          + " `lowmemory` (delta for counters and histograms, cumulative for up-down counters).",
      "cumulative", "delta", "lowmemory");
  public static final OtelKey DEFAULT_HISTOGRAM_AGGREGATION = key(
      "otel.exporter.otlp.metrics.default.histogram.aggregation", CHOICE, "explicit_bucket_histogram", "metrics",
      "How pushed latency histograms are aggregated.", "explicit_bucket_histogram",
      "base2_exponential_bucket_histogram");

  // Prometheus exporter (the spec's names of Vigil's own endpoint)
  public static final OtelKey PROMETHEUS_HOST = alias("otel.exporter.prometheus.host", STRING, "127.0.0.1",
      "metrics", "vigil.prometheus.host", "Address the /metrics endpoint binds to.");
  public static final OtelKey PROMETHEUS_PORT = alias("otel.exporter.prometheus.port", INT, "9464", "metrics",
      "vigil.prometheus.port", "Port of the /metrics endpoint.");

  // OTLP exporter, general and per signal
  public static final OtelKey OTLP_ENDPOINT = key("otel.exporter.otlp.endpoint", STRING, "", "all",
      "Base URL of the OTLP receiver (default `http://localhost:4318`, or `http://localhost:4317` for gRPC); over"
          + " http/protobuf each signal goes to `<endpoint>/v1/traces`, `/v1/logs`, `/v1/metrics`.");
  public static final OtelKey OTLP_PROTOCOL = key("otel.exporter.otlp.protocol", CHOICE, "http/protobuf", "all",
      "`http/protobuf` or `grpc` (h2c for `http://`, TLS with ALPN for `https://`). `http/json` is not supported"
          + " (a warning, then http/protobuf).", "http/protobuf", "grpc");
  public static final OtelKey OTLP_HEADERS = key("otel.exporter.otlp.headers", PAIRS, "", "all",
      "Headers on every export request, `key=value` pairs, values percent-encoded. Never logged.");
  public static final OtelKey OTLP_COMPRESSION = key("otel.exporter.otlp.compression", CHOICE, "none", "all",
      "`gzip` or `none`.", "gzip", "none");
  public static final OtelKey OTLP_TIMEOUT = key("otel.exporter.otlp.timeout", DURATION, "10000", "all",
      "Milliseconds one export may take, retries included, whatever the receiver does; an export that runs out of"
          + " it is dropped and counted with `reason=\"timeout\"`.");
  public static final OtelKey OTLP_CERTIFICATE = key("otel.exporter.otlp.certificate", FILE, "", "all",
      "PEM file of the certificates to trust for an `https://` endpoint, instead of the JDK's.");
  public static final OtelKey OTLP_CLIENT_KEY = key("otel.exporter.otlp.client.key", FILE, "", "all",
      "PEM file of the client's private key (PKCS#8) for mutual TLS.");
  public static final OtelKey OTLP_CLIENT_CERTIFICATE = key("otel.exporter.otlp.client.certificate", FILE, "", "all",
      "PEM file of the client's certificate chain for mutual TLS.");

  /** The OTLP exporter settings that also exist per signal, by their suffix after {@code otel.exporter.otlp.}. */
  public static final List<OtelKey> OTLP_GENERAL = List.of(OTLP_ENDPOINT, OTLP_PROTOCOL, OTLP_HEADERS,
      OTLP_COMPRESSION, OTLP_TIMEOUT, OTLP_CERTIFICATE, OTLP_CLIENT_KEY, OTLP_CLIENT_CERTIFICATE);

  static {
    for (String signal : List.of("traces", "metrics", "logs")) {
      for (OtelKey general : OTLP_GENERAL) {
        String suffix = general.name.substring("otel.exporter.otlp.".length());
        String doc = suffix.equals("endpoint")
            ? "Full URL " + signal + " are sent to, used as given (e.g. `http://collector:4318/v1/" + signal + "`)."
            : "As `" + general.envName() + "`, for " + signal + " only; wins over it.";
        add(new OtelKey("otel.exporter.otlp." + signal + "." + suffix, general.type,
            suffix.equals("endpoint") ? "" : general.defaultValue, doc, signal, general.choices, null));
      }
    }
  }

  private OtelKeys() {}

  private static OtelKey key(String name, OtelKey.Type type, String defaultValue, String appliesTo, String doc,
      String... choices) {
    return add(new OtelKey(name, type, defaultValue, doc, appliesTo, List.of(choices), null));
  }

  private static OtelKey alias(String name, OtelKey.Type type, String defaultValue, String appliesTo,
      String vigilKey, String doc, String... choices) {
    OtelKey key = add(new OtelKey(name, type, defaultValue, doc + " `" + vigilKey + "` wins over it.", appliesTo,
        List.of(choices), vigilKey));
    BY_VIGIL_KEY.put(vigilKey, key);
    return key;
  }

  private static OtelKey add(OtelKey key) {
    ALL.add(key);
    return key;
  }

  public static List<OtelKey> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The setting named {@code name} ({@code otel.x.y}), or null. */
  public static OtelKey named(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (OtelKey key : ALL) {
      if (key.name.equals(n)) {
        return key;
      }
    }
    return null;
  }

  /** The OpenTelemetry setting that stands in for {@code vigilKey} when it is not set, or null. */
  static OtelKey forVigilKey(String vigilKey) {
    return BY_VIGIL_KEY.get(vigilKey);
  }
}
