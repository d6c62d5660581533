package dev.vigil.agent.recording;

import dev.vigil.agent.db.DbInfo;
import dev.vigil.agent.db.JdbcUrl;
import dev.vigil.agent.db.SqlInfo;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.DbOperationRegistry;
import dev.vigil.agent.signals.OperationSeries;
import dev.vigil.agent.signals.RouteDependencies;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.DbCall;
import dev.vigil.bootstrap.DbClientHandler;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records JDBC operations: {@code db.client.operation.duration} per (system, operation, table, error), and feeds the
 * N+1 detector. The SQL of a prepared statement is remembered against the statement object (weakly); the database of
 * a connection is read once from its URL and remembered against the driver's own connection (a pool lends a new proxy
 * per borrow, so proxies are unwrapped first). Each thread reuses one call object: a warm execution allocates nothing.
 */
public final class DbClientRecorder implements DbClientHandler {
  static final int MAX_STATEMENTS = 50_000;
  static final int MAX_CONNECTIONS = 10_000;
  private static final int MAX_URLS = 64;

  private final DbOperationRegistry registry;
  private final SqlCache sqlCache;
  private final NPlusOneDetector nPlusOne;
  private final WeakIdentityMap<Object, DbTarget> statements = new WeakIdentityMap<>(MAX_STATEMENTS);
  private final WeakIdentityMap<Object, DbInfo> connections = new WeakIdentityMap<>(MAX_CONNECTIONS);
  private final ConcurrentHashMap<String, DbInfo> urls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<DbInfo, DbTarget> unknownSql = new ConcurrentHashMap<>();
  private final ThreadLocal<Call> calls = new ThreadLocal<>();
  /** Attributes statements to the route being served (per-route SQL table); null when not wanted. */
  private final HttpServerRecorder routes;

  /** {@code nPlusOne} may be null (detection off). */
  public DbClientRecorder(DbOperationRegistry registry, int sqlCacheEntries, int maxQueryLength,
      NPlusOneDetector nPlusOne) {
    this(registry, sqlCacheEntries, maxQueryLength, nPlusOne, null);
  }

  /** {@code routes}, when not null, gives each statement's time to the route being served on its thread. */
  public DbClientRecorder(DbOperationRegistry registry, int sqlCacheEntries, int maxQueryLength,
      NPlusOneDetector nPlusOne, HttpServerRecorder routes) {
    this.routes = routes;
    this.registry = registry;
    this.sqlCache = new SqlCache(sqlCacheEntries, maxQueryLength);
    this.nPlusOne = nPlusOne;
  }

  @Override
  public void prepared(Object connection, String sql, Object statement) {
    try {
      if (sql != null && statement != null) {
        statements.put(statement, sqlCache.target(database((Connection) connection), sql));
      }
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public DbCall start(Object statement, String sql) {
    try {
      DbTarget target = sql != null ? sqlCache.target(database(((Statement) statement).getConnection()), sql)
          : statements.get(statement);
      if (target == null) {
        target = unknownSql(database(((Statement) statement).getConnection()));
      }
      Call call = calls.get();
      if (call == null || call.active) {
        call = new Call(this);
        calls.set(call);
      }
      call.begin(target);
      return call;
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  /** Statements remembered now (for tests and benchmarks). */
  int rememberedStatements() {
    return statements.size();
  }

  private void finish(DbTarget target, long nanos, Throwable error) {
    if (error == null) {
      OperationSeries series = target.series;
      if (series == null) {
        series = registry.series(target.db.system, target.sql.operation, target.sql.collection, null);
        target.series = series;
      }
      series.record(nanos);
    } else {
      registry.series(target.db.system, target.sql.operation, target.sql.collection, errorType(error)).record(nanos);
    }
    if (routes != null && target.sql.text != null) {
      RouteDependencies deps = routes.currentDependencies();
      if (deps != null) {
        deps.statement(target, target.db.system, target.sql.text, nanos);
      }
    }
    if (nPlusOne != null && target.sql.text != null) {
      nPlusOne.executed(target);
    }
  }

  private DbInfo database(Connection connection) throws SQLException {
    if (connection == null) {
      return DbInfo.UNKNOWN;
    }
    Connection physical = unwrap(connection);
    DbInfo info = connections.get(physical);
    if (info == null) {
      String url = physical.getMetaData().getURL(); // on the driver's connection: a pool proxy may track the call
      info = url == null ? DbInfo.UNKNOWN : urls.get(url);
      if (info == null) {
        info = JdbcUrl.parse(url);
        if (urls.size() < MAX_URLS) {
          urls.put(url, info);
        }
      }
      connections.put(physical, info);
    }
    return info;
  }

  private static Connection unwrap(Connection connection) {
    try {
      Connection inner = connection.unwrap(Connection.class);
      return inner != null ? inner : connection;
    } catch (Throwable t) {
      return connection; // a driver without unwrap support: the connection is its own key
    }
  }

  private DbTarget unknownSql(DbInfo db) {
    DbTarget target = unknownSql.get(db);
    if (target == null) {
      target = SqlCache.target(db, SqlInfo.UNKNOWN);
      if (unknownSql.size() < MAX_URLS) {
        unknownSql.put(db, target);
      }
    }
    return target;
  }

  /** OpenTelemetry error.type: the SQLState of a SQLException when it has a valid one, else the exception class. */
  static String errorType(Throwable error) {
    if (error instanceof SQLException) {
      String state = ((SQLException) error).getSQLState();
      if (state != null && state.length() == 5
          && state.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return state;
      }
    }
    return error.getClass().getName();
  }

  private static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "jdbc-recorder:" + t.getClass().getName(),
        "recording a JDBC call failed; the call itself is unaffected", t);
  }

  static final class Call extends DbCall {
    private final DbClientRecorder recorder;
    private DbTarget target;
    private long startNanos;
    private VigilSpan span;
    boolean active;

    Call(DbClientRecorder recorder) {
      this.recorder = recorder;
    }

    void begin(DbTarget target) {
      this.target = target;
      this.startNanos = System.nanoTime();
      active = true;
      try {
        span = DbSpans.start(target);
      } catch (Throwable t) {
        span = null;
        failed(t);
      }
    }

    @Override
    public void end(Throwable error) {
      if (!active) {
        return;
      }
      active = false;
      try {
        recorder.finish(target, System.nanoTime() - startNanos, error);
      } catch (Throwable t) {
        failed(t);
      }
      VigilSpan s = span;
      if (s != null) {
        span = null;
        try {
          DbSpans.end(s, error, error == null ? null : errorType(error), target.db.dialect);
        } catch (Throwable t) {
          failed(t);
        }
      }
    }
  }
}
