package dev.vigil.agent.recording;

import dev.vigil.agent.db.DbInfo;
import dev.vigil.agent.db.SqlInfo;
import dev.vigil.agent.signals.OperationSeries;

/**
 * A statement against one database, resolved once: its sanitized SQL, the database, and the metric series of its
 * successful runs (found at the first success, so a statement that only fails leaves no empty series).
 */
final class DbTarget {
  final SqlInfo sql;
  final DbInfo db;
  /** Set once by any thread; racing threads find the same series in the registry. */
  OperationSeries series;

  DbTarget(SqlInfo sql, DbInfo db) {
    this.sql = sql;
    this.db = db;
  }
}
