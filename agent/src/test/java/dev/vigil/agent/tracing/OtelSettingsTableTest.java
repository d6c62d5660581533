package dev.vigil.agent.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.ConfigKeys;
import dev.vigil.agent.config.OtelConfig;
import dev.vigil.agent.config.OtelKey;
import dev.vigil.agent.config.OtelKeys;
import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.otlp.OtlpMetricsPush;
import dev.vigil.agent.otlp.OtlpSettings;
import dev.vigil.agent.otlp.OtlpSignal;
import dev.vigil.agent.resource.AgentResource;
import dev.vigil.agent.support.CapturedStderr;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every row of the OpenTelemetry settings table ({@link OtelKeys}), set once as an environment variable and once as a
 * system property, changes what the agent's parsed settings say; a row without a case here fails the test.
 */
class OtelSettingsTableTest {
  /** A value for one row, other settings it needs, and what must follow from them. */
  private static final class Case {
    final String value;
    final Map<String, String> with;
    final Consumer<VigilConfig> check;

    Case(String value, Map<String, String> with, Consumer<VigilConfig> check) {
      this.value = value;
      this.with = with;
      this.check = check;
    }
  }

  private static final Map<OtelKey, Case> CASES = new LinkedHashMap<>();

  private static void row(OtelKey key, String value, Consumer<VigilConfig> check) {
    row(key, value, Map.of(), check);
  }

  private static void row(OtelKey key, String value, Map<String, String> with, Consumer<VigilConfig> check) {
    CASES.put(key, new Case(value, with, check));
  }

  private static OtlpSettings otlp(VigilConfig c, OtlpSignal signal) {
    return OtlpSettings.of(c, signal);
  }

  private static ExportSettings spans(VigilConfig c) {
    return ExportSettings.of(c);
  }

  static {
    row(OtelKeys.SDK_DISABLED, "true", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), c -> {
      assertThat(TracingSetup.destinations(c)).isEmpty();
      assertThat(OtlpMetricsPush.destinations(c)).isEmpty();
    });
    row(OtelKeys.SERVICE_NAME, "checkout", c -> assertThat(c.serviceName()).isEqualTo("checkout"));
    row(OtelKeys.RESOURCE_ATTRIBUTES, "team=pay%20ments,tier=1", c -> assertThat(c.resourceAttributes())
        .containsExactly(Map.entry("team", "pay ments"), Map.entry("tier", "1")));
    row(OtelKeys.RESOURCE_DISABLED_KEYS, "host.name,process.pid", c -> assertThat(AgentResource.strings(
        AgentResource.detect(c, Map.of(), Path.of("/nonexistent"), Path.of("/nonexistent"))))
        .doesNotContainKeys("host.name", "process.pid").containsKey("process.runtime.name"));
    row(OtelKeys.LOG_LEVEL, "debug", c -> assertThat(c.getString(ConfigKeys.LOG_LEVEL)).isEqualTo("debug"));
    row(OtelKeys.PROPAGATORS, "b3multi", c -> assertThat(PropagatorConfig.parse(c.otel("otel.propagators"))
        .fields()).contains("X-B3-TraceId").doesNotContain("traceparent"));
    row(OtelKeys.TRACES_SAMPLER, "always_off", c -> assertThat(TracingSetup.sampler(c)).hasToString("always_off"));
    row(OtelKeys.TRACES_SAMPLER_ARG, "0.25", Map.of("OTEL_TRACES_SAMPLER", "traceidratio"),
        c -> assertThat(TracingSetup.sampler(c)).hasToString("traceidratio 0.25"));
    row(OtelKeys.TRACES_EXPORTER, "console", c -> assertThat(TracingSetup.destinations(c)).containsExactly("console"));
    row(OtelKeys.METRICS_EXPORTER, "console,otlp", c -> assertThat(OtlpMetricsPush.destinations(c))
        .containsExactly("console", "otlp"));
    row(OtelKeys.LOGS_EXPORTER, "console", c -> assertThat(c.raw(ConfigKeys.LOGS_EXPORTER.name)).isEqualTo("console"));
    row(OtelKeys.BSP_SCHEDULE_DELAY, "250", c -> assertThat(spans(c).scheduleDelayMillis).isEqualTo(250));
    row(OtelKeys.BSP_EXPORT_TIMEOUT, "700", c -> assertThat(otlp(c, OtlpSignal.TRACES).timeoutMillis).isEqualTo(700));
    row(OtelKeys.BSP_MAX_QUEUE_SIZE, "100", c -> assertThat(spans(c).maxQueueSize).isEqualTo(100));
    row(OtelKeys.BSP_MAX_EXPORT_BATCH_SIZE, "64", c -> assertThat(spans(c).maxExportBatchSize).isEqualTo(64));
    row(OtelKeys.BLRP_SCHEDULE_DELAY, "300", c -> assertThat(c.getDurationMillis(ConfigKeys.LOGS_EXPORT_INTERVAL))
        .isEqualTo(300));
    row(OtelKeys.BLRP_EXPORT_TIMEOUT, "800", c -> assertThat(otlp(c, OtlpSignal.LOGS).timeoutMillis).isEqualTo(800));
    row(OtelKeys.BLRP_MAX_QUEUE_SIZE, "64", c -> assertThat(c.getInt(ConfigKeys.LOGS_QUEUE_SIZE)).isEqualTo(64));
    row(OtelKeys.BLRP_MAX_EXPORT_BATCH_SIZE, "32", c -> assertThat(OtelConfig.of(c)
        .integer(OtelKeys.BLRP_MAX_EXPORT_BATCH_SIZE)).isEqualTo(32));
    row(OtelKeys.ATTRIBUTE_VALUE_LENGTH_LIMIT, "100", c -> assertThat(spans(c).valueLengthLimit).isEqualTo(100));
    row(OtelKeys.ATTRIBUTE_COUNT_LIMIT, "5", c -> {
      assertThat(spans(c).attributeCountLimit).isEqualTo(5);
      assertThat(spans(c).eventAttributeCountLimit).isEqualTo(5);
    });
    row(OtelKeys.SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT, "50", Map.of("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "100"),
        c -> assertThat(spans(c).valueLengthLimit).isEqualTo(50));
    row(OtelKeys.SPAN_ATTRIBUTE_COUNT_LIMIT, "7", Map.of("OTEL_ATTRIBUTE_COUNT_LIMIT", "5"), c -> {
      assertThat(spans(c).attributeCountLimit).isEqualTo(7);
      assertThat(spans(c).eventAttributeCountLimit).isEqualTo(5);
    });
    row(OtelKeys.SPAN_EVENT_COUNT_LIMIT, "3", c -> assertThat(spans(c).eventCountLimit).isEqualTo(3));
    row(OtelKeys.SPAN_LINK_COUNT_LIMIT, "9", c -> assertThat(OtelConfig.of(c).integer(OtelKeys.SPAN_LINK_COUNT_LIMIT))
        .isEqualTo(9));
    row(OtelKeys.EVENT_ATTRIBUTE_COUNT_LIMIT, "4", c -> assertThat(spans(c).eventAttributeCountLimit).isEqualTo(4));
    row(OtelKeys.LINK_ATTRIBUTE_COUNT_LIMIT, "6", c -> assertThat(OtelConfig.of(c)
        .countLimit(OtelKeys.LINK_ATTRIBUTE_COUNT_LIMIT)).isEqualTo(6));
    row(OtelKeys.LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT, "40", Map.of("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "100"),
        c -> assertThat(OtelConfig.of(c).valueLengthLimit(OtelKeys.LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT, -1))
            .isEqualTo(40));
    row(OtelKeys.LOGRECORD_ATTRIBUTE_COUNT_LIMIT, "2", c -> assertThat(OtelConfig.of(c)
        .countLimit(OtelKeys.LOGRECORD_ATTRIBUTE_COUNT_LIMIT)).isEqualTo(2));
    row(OtelKeys.METRIC_EXPORT_INTERVAL, "1500", c -> assertThat(OtelConfig.of(c)
        .millis(OtelKeys.METRIC_EXPORT_INTERVAL)).isEqualTo(1500));
    row(OtelKeys.METRIC_EXPORT_TIMEOUT, "900", c -> assertThat(otlp(c, OtlpSignal.METRICS).timeoutMillis)
        .isEqualTo(900));
    row(OtelKeys.METRICS_EXEMPLAR_FILTER, "always_off", c -> assertThat(OtelConfig.of(c)
        .choice(OtelKeys.METRICS_EXEMPLAR_FILTER)).isEqualTo("always_off"));
    row(OtelKeys.TEMPORALITY_PREFERENCE, "DELTA", c -> assertThat(otlp(c, OtlpSignal.METRICS)
        .temporalityPreference()).isEqualTo("delta"));
    row(OtelKeys.DEFAULT_HISTOGRAM_AGGREGATION, "base2_exponential_bucket_histogram", c -> assertThat(
        otlp(c, OtlpSignal.METRICS).defaultHistogramAggregation()).isEqualTo("base2_exponential_bucket_histogram"));
    row(OtelKeys.PROMETHEUS_HOST, "0.0.0.0", c -> assertThat(c.getString(ConfigKeys.PROMETHEUS_HOST))
        .isEqualTo("0.0.0.0"));
    row(OtelKeys.PROMETHEUS_PORT, "9999", c -> assertThat(c.getInt(ConfigKeys.PROMETHEUS_PORT)).isEqualTo(9999));
    row(OtelKeys.OTLP_ENDPOINT, "http://collector:4318/", c -> {
      assertThat(TracingSetup.destinations(c)).containsExactly("otlp");
      for (OtlpSignal s : OtlpSignal.values()) {
        assertThat(otlp(c, s).url).isEqualTo("http://collector:4318/v1/" + s.key);
      }
    });
    row(OtelKeys.OTLP_PROTOCOL, "grpc", c -> {
      for (OtlpSignal s : OtlpSignal.values()) {
        assertThat(otlp(c, s).grpc).isTrue();
        assertThat(otlp(c, s).url).isEqualTo("http://localhost:4317");
      }
    });
    row(OtelKeys.OTLP_HEADERS, "Api-Key=s%3Dcret,x=1", c -> assertThat(otlp(c, OtlpSignal.LOGS).headers)
        .containsExactly(Map.entry("api-key", "s=cret"), Map.entry("x", "1")));
    row(OtelKeys.OTLP_COMPRESSION, "gzip", c -> assertThat(otlp(c, OtlpSignal.METRICS).gzip).isTrue());
    row(OtelKeys.OTLP_TIMEOUT, "2500", c -> {
      for (OtlpSignal s : OtlpSignal.values()) {
        assertThat(otlp(c, s).timeoutMillis).isEqualTo(2500);
      }
    });
    row(OtelKeys.OTLP_CERTIFICATE, "/etc/ca.pem", c -> assertThat(otlp(c, OtlpSignal.TRACES).certificate)
        .isEqualTo("/etc/ca.pem"));
    row(OtelKeys.OTLP_CLIENT_KEY, "/etc/key.pem", c -> assertThat(otlp(c, OtlpSignal.TRACES).clientKey)
        .isEqualTo("/etc/key.pem"));
    row(OtelKeys.OTLP_CLIENT_CERTIFICATE, "/etc/cert.pem", c -> assertThat(otlp(c, OtlpSignal.TRACES)
        .clientCertificate).isEqualTo("/etc/cert.pem"));
    for (OtlpSignal signal : OtlpSignal.values()) {
      OtlpSignal other = signal == OtlpSignal.TRACES ? OtlpSignal.LOGS : OtlpSignal.TRACES;
      String p = "otel.exporter.otlp." + signal.key + ".";
      row(OtelKeys.named(p + "endpoint"), "http://only:1/x", c -> {
        assertThat(otlp(c, signal).url).isEqualTo("http://only:1/x");
        assertThat(otlp(c, other).url).as("another signal keeps the default").startsWith("http://localhost:");
      });
      row(OtelKeys.named(p + "protocol"), "grpc", c -> {
        assertThat(otlp(c, signal).grpc).isTrue();
        assertThat(otlp(c, other).grpc).isFalse();
      });
      row(OtelKeys.named(p + "headers"), "k=v", Map.of("OTEL_EXPORTER_OTLP_HEADERS", "k=general"),
          c -> assertThat(otlp(c, signal).headers).containsExactly(Map.entry("k", "v")));
      row(OtelKeys.named(p + "compression"), "gzip", c -> {
        assertThat(otlp(c, signal).gzip).isTrue();
        assertThat(otlp(c, other).gzip).isFalse();
      });
      row(OtelKeys.named(p + "timeout"), "1234", c -> {
        assertThat(otlp(c, signal).timeoutMillis).isEqualTo(1234);
        assertThat(otlp(c, other).timeoutMillis).isEqualTo(10_000);
      });
      row(OtelKeys.named(p + "certificate"), "/ca-" + signal.key, c -> assertThat(otlp(c, signal).certificate)
          .isEqualTo("/ca-" + signal.key));
      row(OtelKeys.named(p + "client.key"), "/k-" + signal.key, c -> assertThat(otlp(c, signal).clientKey)
          .isEqualTo("/k-" + signal.key));
      row(OtelKeys.named(p + "client.certificate"), "/c-" + signal.key, c -> assertThat(otlp(c, signal)
          .clientCertificate).isEqualTo("/c-" + signal.key));
    }
  }

  @Test
  void everyRowHasACase() {
    assertThat(CASES.keySet()).doesNotContainNull().containsExactlyInAnyOrderElementsOf(OtelKeys.all());
  }

  @Test
  void everyRowTakesEffectAsVariableAndAsSystemProperty() {
    for (Map.Entry<OtelKey, Case> e : CASES.entrySet()) {
      OtelKey key = e.getKey();
      Case c = e.getValue();
      Map<String, String> env = new HashMap<>(c.with);
      env.put(key.envName(), c.value);
      c.check.accept(VigilConfig.of(Map.of(), env));
      Map<String, String> props = new HashMap<>();
      c.with.forEach((k, v) -> props.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v));
      props.put(key.name, c.value);
      c.check.accept(VigilConfig.of(props, Map.of()));
    }
  }

  @Test
  void theSystemPropertyWinsOverTheVariableAndEmptyIsUnset() {
    VigilConfig c = VigilConfig.of(Map.of("otel.bsp.max.queue.size", "10"), Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "20"));
    assertThat(ExportSettings.of(c).maxQueueSize).isEqualTo(10);
    c = VigilConfig.of(Map.of(), Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "", "OTEL_TRACES_SAMPLER", ""));
    assertThat(ExportSettings.of(c).maxQueueSize).isEqualTo(2048);
    assertThat(TracingSetup.sampler(c)).hasToString("parentbased_always_on");
    c = VigilConfig.of(Map.of("vigil.logs.queue_size", "5"), Map.of("OTEL_BLRP_MAX_QUEUE_SIZE", "64"));
    assertThat(c.getInt(ConfigKeys.LOGS_QUEUE_SIZE)).as("a vigil.* key wins over its OTEL_ twin").isEqualTo(5);
  }

  @Test
  void defaultsComeFromTheTable() {
    VigilConfig c = VigilConfig.of(Map.of(), Map.of());
    ExportSettings s = ExportSettings.of(c);
    assertThat(s.scheduleDelayMillis).isEqualTo(Long.parseLong(OtelKeys.BSP_SCHEDULE_DELAY.defaultValue));
    assertThat(s.maxQueueSize).isEqualTo(Integer.parseInt(OtelKeys.BSP_MAX_QUEUE_SIZE.defaultValue));
    assertThat(s.eventCountLimit).isEqualTo(128);
    assertThat(s.attributeCountLimit).isEqualTo(128);
    assertThat(s.valueLengthLimit).isEqualTo(4096);
    assertThat(TracingSetup.destinations(c)).as("no endpoint, no exporter named: traces off").isEmpty();
    assertThat(OtlpSettings.of(c, OtlpSignal.METRICS).temporalityPreference()).isEqualTo("cumulative");
    assertThat(OtlpSettings.of(c, OtlpSignal.METRICS).defaultHistogramAggregation())
        .isEqualTo("explicit_bucket_histogram");
    assertThat(OtlpSettings.of(c, OtlpSignal.TRACES).timeoutMillis).isEqualTo(10_000);
  }

  @Test
  void exportersNoneWinsAndLoggingMeansConsole() {
    VigilConfig c = VigilConfig.of(Map.of(), Map.of("OTEL_TRACES_EXPORTER", "otlp,none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_METRICS_EXPORTER", "logging,prometheus"));
    assertThat(TracingSetup.destinations(c)).isEmpty();
    assertThat(OtlpMetricsPush.destinations(c)).isEqualTo(Set.of("console"));
    c = VigilConfig.of(Map.of("vigil.traces.enabled", "false"), Map.of("OTEL_TRACES_EXPORTER", "otlp"));
    assertThat(TracingSetup.destinations(c)).isEmpty();
  }

  @Test
  void aBadValueLogsOneLineNamingItAndTheDefaultApplies() {
    try (CapturedStderr err = CapturedStderr.start()) {
      VigilConfig c = VigilConfig.of(Map.of(), Map.of("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "weekly",
          "OTEL_SPAN_EVENT_COUNT_LIMIT", "-1", "OTEL_METRIC_EXPORT_TIMEOUT", "soon", "OTEL_SDK_DISABLED", "yes"));
      assertThat(OtlpSettings.of(c, OtlpSignal.METRICS).temporalityPreference()).isEqualTo("cumulative");
      assertThat(OtlpSettings.of(c, OtlpSignal.METRICS).temporalityPreference()).isEqualTo("cumulative");
      assertThat(ExportSettings.of(c).eventCountLimit).isEqualTo(128);
      assertThat(OtlpSettings.of(c, OtlpSignal.METRICS).timeoutMillis).isEqualTo(10_000);
      assertThat(OtelConfig.of(c).sdkDisabled()).isFalse();
      assertThat(OtelConfig.of(c).sdkDisabled()).isFalse();
      List<String> lines = err.lines();
      assertThat(lines).filteredOn(l -> l.contains("OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=weekly"))
          .hasSize(1).allMatch(l -> l.contains("cumulative"));
      assertThat(lines).filteredOn(l -> l.contains("OTEL_SPAN_EVENT_COUNT_LIMIT=-1")).hasSize(1)
          .allMatch(l -> l.contains("128"));
      assertThat(lines).filteredOn(l -> l.contains("OTEL_METRIC_EXPORT_TIMEOUT=soon")).hasSize(1);
      assertThat(lines).filteredOn(l -> l.contains("OTEL_SDK_DISABLED=yes")).hasSize(1)
          .allMatch(l -> l.contains("false"));
    }
  }
}
