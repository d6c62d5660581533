package dev.vigil.agent.recording;

import dev.vigil.agent.db.DbInfo;
import dev.vigil.agent.db.SqlDialect;
import dev.vigil.agent.db.SqlInfo;
import dev.vigil.agent.db.SqlSanitizer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statement text to its {@link DbTarget}, so each distinct SQL is sanitized once per dialect. Bounded: when full it
 * starts afresh (an application that builds SQL with literals inside churns it; one that binds parameters never fills
 * it). Very long SQL is not kept, only sanitized.
 */
final class SqlCache {
  static final int MAX_CACHED_LENGTH = 16 * 1024;
  private final ConcurrentHashMap<String, Entry>[] byDialect;
  private final int maxEntries;
  private final int maxLength;

  @SuppressWarnings("unchecked")
  SqlCache(int maxEntries, int maxLength) {
    this.maxEntries = maxEntries;
    this.maxLength = maxLength;
    this.byDialect = new ConcurrentHashMap[SqlDialect.values().length];
    for (int i = 0; i < byDialect.length; i++) {
      byDialect[i] = new ConcurrentHashMap<>();
    }
  }

  DbTarget target(DbInfo db, String sql) {
    Entry entry = entry(db.dialect, sql);
    DbTarget last = entry.last;
    if (last != null && last.db == db) {
      return last; // the usual case: a statement always runs against the same database
    }
    DbTarget target = target(db, entry.info);
    entry.last = target;
    return target;
  }

  static DbTarget target(DbInfo db, SqlInfo info) {
    return new DbTarget(info, db);
  }

  private Entry entry(SqlDialect dialect, String sql) {
    ConcurrentHashMap<String, Entry> cache = byDialect[dialect.ordinal()];
    Entry entry = cache.get(sql);
    if (entry != null) {
      return entry;
    }
    entry = new Entry(SqlSanitizer.sanitize(sql, dialect, maxLength));
    if (sql.length() <= MAX_CACHED_LENGTH) {
      if (cache.size() >= maxEntries) {
        cache.clear();
      }
      cache.put(sql, entry);
    }
    return entry;
  }

  private static final class Entry {
    final SqlInfo info;
    volatile DbTarget last;

    Entry(SqlInfo info) {
      this.info = info;
    }
  }
}
