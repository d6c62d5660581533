package dev.vigil.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes docs/configuration.md from {@link ConfigKeys}, so the reference cannot drift from the code (ConfigDocsTest
 * fails when the committed file differs). Run: {@code java -cp agent/target/classes dev.vigil.agent.config.ConfigDocs
 * docs/configuration.md}.
 */
public final class ConfigDocs {
  public static final String REGENERATE = "mvn -B -o -q -pl agent -am compile"
      + " && java -cp agent/target/classes dev.vigil.agent.config.ConfigDocs docs/configuration.md";

  /** The standard OpenTelemetry settings Vigil reads: variable, system property, meaning. Add a row when one is read. */
  static final String[][] OTEL = {
      {"OTEL_SERVICE_NAME", "otel.service.name", "Service name when `vigil.service.name` is not set."},
      {"OTEL_RESOURCE_ATTRIBUTES", "otel.resource.attributes",
          "Comma-separated `key=value` pairs (values percent-encoded). `service.name` is the service name when"
              + " neither `vigil.service.name` nor `OTEL_SERVICE_NAME` is set."},
      {"OTEL_TRACES_EXPORTER", "otel.traces.exporter", "`otlp` turns traces on (see `vigil.traces.enabled`), `none` off."},
      {"OTEL_SDK_DISABLED", "otel.sdk.disabled", "`true` turns traces off."},
      {"OTEL_EXPORTER_OTLP_ENDPOINT", "otel.exporter.otlp.endpoint",
          "Base URL of the OTLP receiver (default `http://localhost:4318`, or `http://localhost:4317` for gRPC);"
              + " over http/protobuf spans, logs and metrics go to `<endpoint>/v1/traces`, `/v1/logs`, `/v1/metrics`."},
      {"OTEL_EXPORTER_OTLP_PROTOCOL", "otel.exporter.otlp.protocol", "`http/protobuf` (default) or `grpc` (the"
          + " OpenTelemetry SDK's gRPC sender over OkHttp: h2c for `http://`, TLS with ALPN for `https://`)."
          + " `http/json` is not supported (a warning, then http/protobuf)."},
      {"OTEL_EXPORTER_OTLP_HEADERS", "otel.exporter.otlp.headers", "Headers on every export request, `key=value`"
          + " pairs, values percent-encoded. Never logged."},
      {"OTEL_EXPORTER_OTLP_COMPRESSION", "otel.exporter.otlp.compression", "`gzip` or `none` (default)."},
      {"OTEL_EXPORTER_OTLP_TIMEOUT", "otel.exporter.otlp.timeout", "Milliseconds one export may take, retries"
          + " included, whatever the receiver does (default 10000); an export that runs out of it is dropped and"
          + " counted with `reason=\"timeout\"`."},
      {"OTEL_EXPORTER_OTLP_CERTIFICATE", "otel.exporter.otlp.certificate", "PEM file of the certificates to trust"
          + " for an `https://` endpoint, instead of the JDK's."},
      {"OTEL_EXPORTER_OTLP_CLIENT_KEY", "otel.exporter.otlp.client.key", "PEM file of the client's private key"
          + " (PKCS#8) for mutual TLS; with `OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE`."},
      {"OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "otel.exporter.otlp.client.certificate", "PEM file of the client's"
          + " certificate chain for mutual TLS; with `OTEL_EXPORTER_OTLP_CLIENT_KEY`."},
      {"OTEL_EXPORTER_OTLP_{TRACES,LOGS,METRICS}_*", "otel.exporter.otlp.{traces,logs,metrics}.*", "The same eight"
          + " settings for one signal only, winning over the general ones for it: `_ENDPOINT` (the full URL, used as"
          + " given), `_PROTOCOL`, `_HEADERS`, `_COMPRESSION`, `_TIMEOUT`, `_CERTIFICATE`, `_CLIENT_KEY`,"
          + " `_CLIENT_CERTIFICATE`; e.g. `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=http://logs:4318/v1/logs`."},
      {"OTEL_TRACES_SAMPLER", "otel.traces.sampler", "`always_on`, `always_off`, `traceidratio`,"
          + " `parentbased_always_on` (default), `parentbased_always_off`, `parentbased_traceidratio`."},
      {"OTEL_TRACES_SAMPLER_ARG", "otel.traces.sampler.arg", "The ratio of the `traceidratio` samplers, 0 to 1"
          + " (default 1)."},
      {"OTEL_PROPAGATORS", "otel.propagators", "Comma-separated: `tracecontext`, `baggage`, `b3`, `b3multi`,"
          + " `jaeger`, `none` (default `tracecontext,baggage`)."},
      {"OTEL_METRICS_EXPORTER", "otel.metrics.exporter", "`otlp` turns the OTLP metrics push on (see"
          + " `vigil.otlp.metrics.enabled`), `none` off."},
      {"OTEL_METRIC_EXPORT_INTERVAL", "otel.metric.export.interval", "Milliseconds between metric pushes (default"
          + " 60000)."},
      {"OTEL_BSP_SCHEDULE_DELAY", "otel.bsp.schedule.delay", "Milliseconds between span exports (default 5000)."},
      {"OTEL_BSP_MAX_QUEUE_SIZE", "otel.bsp.max.queue.size", "Spans queued for export (default 2048); past it new"
          + " spans are dropped and counted (`reason=\"queue_full\"`)."},
      {"OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "otel.bsp.max.export.batch.size", "Most spans per export request"
          + " (default 512)."},
      {"OTEL_BSP_EXPORT_TIMEOUT", "otel.bsp.export.timeout", "Milliseconds one span export may take; when lower"
          + " than the traces' `OTEL_EXPORTER_OTLP_TIMEOUT`, it wins (default 30000)."},
  };

  private ConfigDocs() {}

  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "docs/configuration.md");
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.write(out, render().getBytes(StandardCharsets.UTF_8));
    System.out.println("wrote " + out.toAbsolutePath());
  }

  public static String render() {
    StringBuilder md = new StringBuilder(4096);
    md.append("# Configuration\n\n")
        .append("<!-- Generated from ConfigKeys by dev.vigil.agent.config.ConfigDocs: do not edit by hand. Regenerate:\n")
        .append("     ").append(REGENERATE).append(" -->\n\n")
        .append("Vigil needs no configuration: `-javaagent:vigil-agent.jar` alone serves Prometheus metrics on\n")
        .append("http://127.0.0.1:9464/metrics. Every key below can be changed.\n\n")
        .append("## Where a value comes from\n\n")
        .append("A key's value comes from the first of these sources that sets it:\n\n")
        .append("1. A system property: `-Dvigil.prometheus.port=9465`.\n")
        .append("2. The agent arguments: `-javaagent:vigil-agent.jar=prometheus.port=9465,log.level=debug`\n")
        .append("   (comma-separated `key=value` pairs; the `vigil.` prefix may be left out). A value cannot contain a\n")
        .append("   comma here, so give `vigil.apdex.routes` another way.\n")
        .append("3. An environment variable: the key in upper case, every character other than a letter or digit turned into `_`:\n")
        .append("   `VIGIL_PROMETHEUS_PORT=9465`.\n")
        .append("4. The properties file named by `vigil.config` (itself set by any of the sources above).\n")
        .append("5. The default.\n\n")
        .append("Values are trimmed. Booleans are `true` or `false` (any case). Durations are a whole number with a unit:\n")
        .append("`250ms`, `60s`, `2m`, `1h`; a bare number is milliseconds.\n\n")
        .append("A value that does not parse never stops the application: the agent logs one line on standard error\n")
        .append("naming the key, the value and the default it uses instead, for example\n")
        .append("`[vigil] WARN config vigil.prometheus.port=abc is not an integer; using the default 9464`.\n")
        .append("A `vigil.config` file that cannot be read logs one warning and the other sources still apply.\n\n")
        .append("## Keys\n\n")
        .append("| Key | Environment variable | Type | Default | Meaning |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    keys(md, false);
    md.append("\n## OpenTelemetry variables\n\n")
        .append("These standard variables are honoured with their usual meaning (the system property form works too).\n")
        .append("A `vigil.*` key that says the same thing wins over them.\n\n")
        .append("| Variable | System property | Meaning |\n")
        .append("| --- | --- | --- |\n");
    for (String[] row : OTEL) {
      md.append("| `").append(row[0]).append("` | `").append(row[1]).append("` | ").append(cell(row[2])).append(" |\n");
    }
    md.append("\n## Test-only keys\n\n")
        .append("Vigil's own test suite uses these to make the agent misbehave on purpose. Never set them.\n\n")
        .append("| Key | Environment variable | Type | Default | Meaning |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    keys(md, true);
    return md.toString();
  }

  private static void keys(StringBuilder md, boolean testOnly) {
    for (ConfigKey key : ConfigKeys.all()) {
      if (key.testOnly != testOnly) {
        continue;
      }
      md.append("| `").append(key.name).append("` | `").append(envDisplay(key.name)).append("` | ")
          .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(key.defaultValue.isEmpty() ? "(none)" : "`" + key.defaultValue + "`").append(" | ")
          .append(cell(key.description)).append(" |\n");
    }
  }

  /** The environment form, keeping placeholders: {@code vigil.instrumentation.<name>.enabled} -> {@code ..._<NAME>_...}. */
  static String envDisplay(String key) {
    StringBuilder out = new StringBuilder(key.length());
    boolean placeholder = false;
    for (char c : key.toCharArray()) {
      if (c == '<' || c == '>') {
        placeholder = c == '<';
        out.append(c);
      } else if (placeholder || Character.isLetterOrDigit(c)) {
        out.append(Character.toUpperCase(c));
      } else {
        out.append('_');
      }
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
