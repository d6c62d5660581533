package dev.vigil.agent.recording;

import dev.vigil.agent.db.SqlDialect;
import dev.vigil.agent.db.SqlSanitizer;
import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.DbOperationRegistry;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.agent.signals.NPlusOneFindings;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JDBC hot paths: the statement map lookup, a prepared execution through the recorder (lookup, clock, histogram),
 * a prepare (sanitizer cache hit, weak-map insert), and a sanitizer run on a cache miss. Run:
 * {@code java -cp target/test-classes:target/classes:<deps> org.openjdk.jmh.Main DbRecorderBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DbRecorderBenchmark {
  private static final String SQL = "SELECT o.id, o.total FROM orders o WHERE o.customer_id = ? AND o.status IN (?, ?)";
  private DbClientRecorder recorder;
  /** The same, also giving each statement's time to the route being served (the per-route SQL table). */
  private DbClientRecorder routed;
  private DbClientRecorder unrouted;
  private WeakIdentityMap<Object, String> map;
  private Connection connection;
  private Statement statement;
  private final Object[] keys = new Object[10_000];

  @Setup
  public void setUp() {
    EndpointRegistry endpoints = new EndpointRegistry(10, new ApdexThresholds(500, Map.of()), 60_000_000_000L);
    HttpServerRecorder http = new HttpServerRecorder(endpoints);
    recorder = new DbClientRecorder(new DbOperationRegistry(100), 2000, 1024,
        new NPlusOneDetector(http, new NPlusOneFindings(100, 100), 5));
    NPlusOneDetector detector = new NPlusOneDetector(http, new NPlusOneFindings(100, 100), 5);
    unrouted = new DbClientRecorder(new DbOperationRegistry(100), 2000, 1024, detector);
    routed = new DbClientRecorder(new DbOperationRegistry(100), 2000, 1024, detector, http);
    connection = connection();
    statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
        (p, m, a) -> m.getName().equals("hashCode") ? System.identityHashCode(p) : null);
    recorder.prepared(connection, SQL, statement);
    unrouted.prepared(connection, SQL, statement);
    routed.prepared(connection, SQL, statement);
    http.start("GET", "/orders/{id}", true, null); // this thread serves a request for the rest of the run
    map = new WeakIdentityMap<>(100_000);
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new Object();
      map.put(keys[i], "v");
    }
  }

  @Benchmark
  public Object weakMapGet() {
    return map.get(keys[4242]);
  }

  @Benchmark
  public void preparedExecution() {
    recorder.start(statement, null).end(null);
  }

  /** A prepared execution while a request is served (N+1 counting on), without the per-route table. */
  @Benchmark
  public void executionInRequest() {
    unrouted.start(statement, null).end(null);
  }

  /** The same with the per-route table: the difference is what it adds to each statement. */
  @Benchmark
  public void executionInRequestRouted() {
    routed.start(statement, null).end(null);
  }

  private int next;

  /** Statements come and go: 1024 live ones, each prepared again in turn (a new weak entry each time). */
  @Benchmark
  public void prepare() {
    recorder.prepared(connection, SQL, keys[next++ & 1023]);
  }

  @Benchmark
  public Object sanitizeMiss() {
    return SqlSanitizer.sanitize(SQL, SqlDialect.POSTGRESQL, 1024);
  }

  private static Connection connection() {
    DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(DbRecorderBenchmark.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName().equals("getURL") ? "jdbc:postgresql://h/db" : null);
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(DbRecorderBenchmark.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (p, m, a) -> {
          switch (m.getName()) {
            case "getMetaData": return meta;
            case "unwrap": return self[0];
            case "hashCode": return System.identityHashCode(p);
            default: return null;
          }
        });
    return self[0];
  }
}
