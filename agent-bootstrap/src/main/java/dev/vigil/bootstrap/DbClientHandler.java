package dev.vigil.bootstrap;

/**
 * Receives database client calls from JDBC instrumentations. Implemented by the agent. Statements and connections are
 * passed as Object: this class lives on the bootstrap class path, which cannot see {@code java.sql}.
 */
public interface DbClientHandler {
  DbClientHandler NOOP = new DbClientHandler() {
    @Override
    public void prepared(Object connection, String sql, Object statement) {}

    @Override
    public DbCall start(Object statement, String sql) {
      return null;
    }
  };

  /** {@code connection.prepareStatement(sql)} (or prepareCall) returned {@code statement}: remember its SQL. */
  void prepared(Object connection, String sql, Object statement);

  /**
   * A statement starts executing. {@code sql} is the text given to {@code execute*(String)}, or null when the statement
   * was prepared (its SQL was remembered then). Returns the handle to end it with, or null when nothing is recorded.
   */
  DbCall start(Object statement, String sql);
}
