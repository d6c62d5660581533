package dev.vigil.bootstrap;

/**
 * What the JDBC advice does, one call per enter and exit, so that the code inlined into every driver's and pool's
 * execute and prepare methods is a call and nothing more (the JIT compiles this once instead of in every one of them).
 * The outermost call on a thread is the operation: a pool's proxy delegating to the driver counts once.
 */
public final class DbAdvice {
  private DbAdvice() {}

  /** {@code Statement.execute*} starts; null when nested or not recorded. Always paired with {@link #executed}. */
  public static DbCall execute(Object statement, String sql) {
    return CallDepth.enter(CallDepth.JDBC_EXECUTE) != 0 ? null : Bridge.db().start(statement, sql);
  }

  public static void executed(DbCall call, Throwable error) {
    if (CallDepth.exit(CallDepth.JDBC_EXECUTE) == 0 && call != null) {
      call.end(error);
    }
  }

  /** {@code Connection.prepareStatement} or {@code prepareCall} starts. Always paired with {@link #prepared}. */
  public static void prepare() {
    CallDepth.enter(CallDepth.JDBC_PREPARE);
  }

  public static void prepared(Object connection, String sql, Object statement, Throwable error) {
    if (CallDepth.exit(CallDepth.JDBC_PREPARE) == 0 && error == null) {
      Bridge.db().prepared(connection, sql, statement);
    }
  }
}
