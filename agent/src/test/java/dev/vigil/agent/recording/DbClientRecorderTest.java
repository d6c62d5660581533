package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.support.CapturedStderr;
import dev.vigil.agent.signals.DbOperationRegistry;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.NPlusOneFindings;
import dev.vigil.agent.signals.OperationSeries;
import dev.vigil.bootstrap.DbCall;
import dev.vigil.bootstrap.ServerCall;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recorder against stand-in JDBC objects: what the advice hands it, without a driver. */
class DbClientRecorderTest {
  private final EndpointRegistry endpoints = new EndpointRegistry(10, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
  private final HttpServerRecorder http = new HttpServerRecorder(endpoints);
  private final DbOperationRegistry operations = new DbOperationRegistry(100);
  private final NPlusOneFindings findings = new NPlusOneFindings(100, 10);
  private final DbClientRecorder recorder = new DbClientRecorder(operations, 100, 256,
      new NPlusOneDetector(http, findings, 5));
  private final Connection connection = connection("jdbc:postgresql://db:5432/shop?password=hunter2");
  private final Statement statement = statement(connection);

  @Test
  void recordsPreparedAndPlainStatementsWithTheirErrors() {
    recorder.prepared(connection, "SELECT * FROM orders WHERE id = ?", statement);
    recorder.start(statement, null).end(null);
    recorder.start(statement(connection), "UPDATE orders SET note = 'x' WHERE id = 7").end(null);
    recorder.start(statement, null).end(new SQLException("boom", "40001"));
    assertThat(count("SELECT", "orders", null)).isEqualTo(1);
    assertThat(count("UPDATE", "orders", null)).isEqualTo(1);
    assertThat(count("SELECT", "orders", "40001")).isEqualTo(1);
  }

  @Test
  void anUnknownStatementIsRecordedWithoutOperation() {
    recorder.start(statement(connection), null).end(null);
    assertThat(count(null, null, null)).isEqualTo(1);
  }

  @Test
  void flagsTheSameStatementRepeatedInOneRequestOnce() {
    ServerCall request = http.start("GET", "/orders");
    try (CapturedStderr log = CapturedStderr.start()) {
      for (int i = 0; i < 12; i++) {
        recorder.start(statement(connection), "SELECT * FROM items WHERE order_id = " + i).end(null);
      }
      recorder.start(statement(connection), "SELECT 1 FROM other").end(null);
      request.end(200, null);
      assertThat(log.lines()).as("the finding is logged once per route and statement (once per JVM)")
          .allMatch(l -> l.contains("N+1 queries: a request to /orders ran the same statement 12 times"));
    }
    ServerCall next = http.start("GET", "/orders");
    for (int i = 0; i < 4; i++) { // below the threshold: the table started afresh with the request
      recorder.start(statement(connection), "SELECT * FROM items WHERE order_id = " + i).end(null);
    }
    next.end(200, null);
    assertThat(findings.counts()).containsExactly(Map.entry(java.util.List.of("/orders", "postgresql"), 1L));
    assertThat(findings.queries()).as("the request's final count, not the count at the threshold")
        .containsExactly(Map.entry(java.util.List.of("/orders", "postgresql"), 12L));
    NPlusOneFindings.Finding f = findings.top(10).get(0);
    assertThat(f.statement).isEqualTo("SELECT * FROM items WHERE order_id = ?");
    assertThat(f.maxCount()).isEqualTo(12);
    assertThat(f.occurrences()).isEqualTo(1);
  }

  @Test
  void aFindingIsReportedWhenTheRequestEndsWithItsFinalCountAndRoute() {
    ServerCall request = http.start("GET", "/orders/7", false, null);
    for (int i = 0; i < 7; i++) {
      recorder.start(statement(connection), "SELECT * FROM items WHERE order_id = " + i).end(null);
    }
    assertThat(findings.top(10)).as("nothing before the request ends: its count may still grow").isEmpty();
    request.route("/orders/{id}");
    request.end(200, null);
    assertThat(findings.counts()).containsExactly(Map.entry(java.util.List.of("/orders/{id}", "postgresql"), 1L));
    assertThat(findings.queries()).containsExactly(Map.entry(java.util.List.of("/orders/{id}", "postgresql"), 7L));
    assertThat(findings.top(10)).singleElement().satisfies(f -> {
      assertThat(f.route).isEqualTo("/orders/{id}");
      assertThat(f.maxCount()).isEqualTo(7);
    });
  }

  @Test
  void outsideARequestNothingIsFlagged() {
    for (int i = 0; i < 10; i++) {
      recorder.start(statement(connection), "SELECT * FROM items").end(null);
    }
    assertThat(findings.top(10)).isEmpty();
  }

  @Test
  void aBrokenDriverNeverReachesTheApplication() {
    Connection broken = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, a) -> {
          throw new SQLException("down");
        });
    try (CapturedStderr log = CapturedStderr.start()) {
      DbCall call = recorder.start(statement(broken), "SELECT 1");
      assertThat(call).isNull();
      recorder.prepared(broken, "SELECT 1", statement(broken));
      assertThat(log.lines()).as("rate-limited per JVM: said at most once here")
          .allMatch(l -> l.contains("recording a JDBC call failed; the call itself is unaffected"));
    }
  }

  private long count(String operation, String table, String error) {
    return operations.all().stream()
        .filter(s -> java.util.Objects.equals(s.operation, operation) && java.util.Objects.equals(s.target, table)
            && java.util.Objects.equals(s.errorType, error))
        .mapToLong(OperationSeries::count).sum();
  }

  private static Connection connection(String url) {
    DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(DbClientRecorderTest.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName().equals("getURL") ? url : null);
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(DbClientRecorderTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "getMetaData": return meta;
            case "unwrap": return self[0];
            case "hashCode": return System.identityHashCode(p);
            case "equals": return p == a[0];
            default: return null;
          }
        });
    return self[0];
  }

  private static Statement statement(Connection connection) {
    return (Statement) Proxy.newProxyInstance(DbClientRecorderTest.class.getClassLoader(),
        new Class<?>[] {Statement.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "getConnection": return connection;
            case "hashCode": return System.identityHashCode(p);
            case "equals": return p == a[0];
            default: return null;
          }
        });
  }
}
