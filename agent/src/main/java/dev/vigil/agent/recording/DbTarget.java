package dev.vigil.agent.recording;

import dev.vigil.agent.db.DbInfo;
import dev.vigil.agent.db.SqlInfo;
import dev.vigil.agent.signals.DbOperationSeries;

/** A statement against one database, resolved once: its sanitized SQL, the database, and the metric series. */
final class DbTarget {
  final SqlInfo sql;
  final DbInfo db;
  final DbOperationSeries series;

  DbTarget(SqlInfo sql, DbInfo db, DbOperationSeries series) {
    this.sql = sql;
    this.db = db;
    this.series = series;
  }
}
