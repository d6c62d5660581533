package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.FailingRedisApp;
import dev.vigil.its.apps.FailingSqlApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.LoggingApps;
import dev.vigil.its.support.OtlpLogReceiver;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Services;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile world: statements and Redis commands that fail with planted literals in them, against the real drivers and
 * servers. The drivers quote the literals in their exceptions (the application prints them, so the test knows); none
 * reaches the OTLP receiver (any attribute, event or resource of any span, any exported log record) or the agent's log.
 */
class SecretsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @CsvSource({
    "h2, jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1, sa, 0, SQL statement:",
    "postgresql, jdbc:postgresql://127.0.0.1:5432/test, postgres, 5432, Detail: Key (email)=(?) already exists.",
    "mariadb, jdbc:mariadb://127.0.0.1:3306/test, root, 3306, Duplicate entry ?",
  })
  void failingSqlLetsNoLiteralOut(String db, String url, String user, int port, String maskedShape) throws Exception {
    if (port > 0) {
      Services.require(db, port);
    }
    String base = Services.unique("zq", 8);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(FailingSqlApp.class).arg(url).arg(user).arg("")
            .arg(Services.unique("vigil_secrets_", 8)).arg(base).sysProp("vigil.log.level", "debug")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String http = "http://127.0.0.1:" + app.awaitReady();
      int failed;
      try {
        assertThat(Http.get(http + "/setup").statusCode()).isEqualTo(200);
        failed = Integer.parseInt(Http.get(http + "/fail").body());
      } finally {
        Http.get(http + "/teardown");
      }
      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.name.startsWith("GET /teardown"))
          && errors(s).size() >= failed, WAIT);
      List<ReceivedSpan> errors = errors(spans);
      assertThat(app.output().lines().filter(l -> l.startsWith("APP ") && l.contains(base)))
          .as("the driver quoted planted literals in its exceptions").isNotEmpty();
      assertThat(errors).as("one span per failed statement").hasSize(failed).allSatisfy(s ->
          assertThat(s.events).anySatisfy(e -> {
            assertThat(e.name).isEqualTo("exception");
            assertThat(e.attributes.get("exception.type")).isNotEmpty();
            assertThat(e.attributes.get("exception.message")).contains("?");
            assertThat(e.attributes.get("exception.stacktrace")).contains("\tat ");
          }));
      assertThat(errors.stream().flatMap(s -> s.events.stream()).map(e -> e.attributes.get("exception.message")))
          .as("messages are kept, masked").anySatisfy(m -> assertThat(m).contains(maskedShape));
      String exported = spans.toString();
      assertThat(exported).doesNotContain(base).doesNotContain("987654321");
      List<String> agentLog = agentLog(app);
      assertThat(String.join("\n", agentLog)).doesNotContain(base);
      long events = spans.stream().mapToLong(s -> s.events.size()).sum();
      HostileReport.print("failing SQL with literals (" + db + ")", "every request answered", failed
          + " driver errors, recorded as error spans with masked exception events", "8 statements, 10 planted"
          + " literals", "no literal in " + spans.size() + " spans, " + events + " events, " + agentLog.size()
          + " agent log lines");
    }
  }

  @Test
  void failingRedisCommandsLetNoArgumentOut() throws Exception {
    Services.require("Redis", 6379);
    String base = Services.unique("zq", 8);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(FailingRedisApp.class).arg("127.0.0.1").arg("6379").arg(base)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).env("OTEL_BSP_SCHEDULE_DELAY", "100").start()) {
      String http = "http://127.0.0.1:" + app.awaitReady();
      assertThat(Http.get(http + "/jedis").body()).isEqualTo("1");
      assertThat(Http.get(http + "/lettuce").body()).isEqualTo("2");
      List<ReceivedSpan> spans = receiver.await(s -> s.stream().anyMatch(x -> x.name.startsWith("GET /lettuce"))
          && errors(s).size() >= 3, WAIT);
      List<ReceivedSpan> errors = errors(spans);
      assertThat(errors).allSatisfy(s -> assertThat(s.attributes).containsEntry("db.system.name", "redis"));
      assertThat(errors.stream().flatMap(s -> s.events.stream()).map(e -> e.attributes.get("exception.message")))
          .hasSize(errors.size())
          .anySatisfy(m -> assertThat(m).contains("nonexistent global variable ?"))
          .anySatisfy(m -> assertThat(m).contains("unknown command ?"));
      assertThat(spans.toString()).doesNotContain(base);
      List<String> agentLog = agentLog(app);
      assertThat(String.join("\n", agentLog)).doesNotContain(base);
      HostileReport.print("failing Redis commands with secret arguments", "every request answered", errors.size()
          + " server errors quoting arguments (EVAL through Jedis and Lettuce, an unknown command)", "3 commands, 2 planted"
          + " arguments", "no argument in " + spans.size() + " spans or " + agentLog.size() + " agent log lines");
    }
  }

  @Test
  void aLoggedDriverExceptionIsExportedMasked() throws Exception {
    String base = Services.unique("zq", 8);
    try (OtlpReceiver traces = OtlpReceiver.start();
        OtlpLogReceiver logs = OtlpLogReceiver.start();
        AgentJvm app = LoggingApps.builder("logback").env("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
            .env("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs.logsEndpoint()).env("OTEL_LOGS_EXPORTER", "otlp")
            .sysProp("vigil.logs.export_interval", "200ms").start()) {
      int port = app.awaitReady();
      assertThat(Http.get("http://127.0.0.1:" + port + "/sql-error?literal=" + base).statusCode()).isEqualTo(200);
      List<OtlpLogReceiver.Received> records = logs.await(r -> r.stream().anyMatch(x -> x.body.equals("query failed")),
          WAIT);
      app.awaitLine(l -> l.contains(base), WAIT); // Logback's own console line quotes it: the application's log
      OtlpLogReceiver.Received failed = records.stream().filter(x -> x.body.equals("query failed")).findFirst()
          .orElseThrow();
      assertThat(failed.attributes.get("exception.message"))
          .contains("; SQL statement:\nSELECT * FROM missing_table WHERE name = ?");
      assertThat(records.toString()).doesNotContain(base);
      HostileReport.print("a driver exception logged through Logback, OTLP logs on", "every request answered",
          "1 H2 exception quoting its statement", "1 planted literal", "no literal in the exported records ("
          + records.size() + "); the application's own console line keeps it");
    }
  }

  private static List<ReceivedSpan> errors(List<ReceivedSpan> spans) {
    return spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_CLIENT && s.status == StatusCode.STATUS_CODE_ERROR)
        .collect(Collectors.toList());
  }

  /** Every line but the application's own (READY, APP ...): the agent's log, stack traces included. */
  private static List<String> agentLog(AgentJvm app) {
    return app.output().lines().filter(l -> !l.startsWith("APP ") && !l.startsWith("READY "))
        .collect(Collectors.toList());
  }
}
