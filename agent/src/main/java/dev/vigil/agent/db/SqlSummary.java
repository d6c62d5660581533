package dev.vigil.agent.db;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the operation (first keyword) and the main table of a statement from the tokens the sanitizer reads: the table
 * after FROM (SELECT, DELETE), after INTO or the verb (INSERT, UPDATE, MERGE), after TABLE (CREATE, DROP, ALTER,
 * TRUNCATE). WITH ... resolves to the statement after its common table expressions. A subquery yields no table.
 */
final class SqlSummary {
  static final int MAX_COLLECTION = 128;
  private static final Map<String, String> OPERATIONS = new HashMap<>();
  private static final Set<String> DML = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE");
  private static final Set<String> BEFORE_TABLE = Set.of("INTO", "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY",
      "OR", "REPLACE", "ROLLBACK", "ABORT", "FAIL", "ONLY", "IF", "NOT", "EXISTS", "LATERAL");
  private static final Set<String> BEFORE_TABLE_KEYWORD = Set.of("TEMPORARY", "TEMP", "GLOBAL", "LOCAL", "UNLOGGED",
      "OR", "REPLACE", "EXTERNAL");

  static {
    for (String op : new String[] {"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE", "UPSERT", "CALL", "EXEC",
        "EXECUTE", "CREATE", "DROP", "ALTER", "TRUNCATE", "BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT",
        "RELEASE", "SET", "SHOW", "EXPLAIN", "GRANT", "REVOKE", "VALUES", "LOCK", "USE", "DESCRIBE", "ANALYZE", "VACUUM",
        "COPY", "DECLARE", "FETCH", "PREPARE", "DEALLOCATE", "RENAME", "COMMENT", "REFRESH", "LISTEN", "NOTIFY"}) {
      OPERATIONS.put(op, op);
    }
  }

  private enum State { START, WITH, FIND_FROM, TABLE_KEYWORD, TABLE, NAME, NAME_DOT, DONE }

  private State state = State.START;
  private int opDepth;
  private String operation;
  private StringBuilder collection;

  String operation() {
    return operation;
  }

  String collection() {
    if (collection == null || collection.length() == 0) {
      return null;
    }
    return collection.length() > MAX_COLLECTION ? collection.substring(0, MAX_COLLECTION) : collection.toString();
  }

  /** A bare word (identifier or keyword). */
  void word(String sql, int start, int end, int depth) {
    switch (state) {
      case START:
        start(upper(sql, start, end), depth);
        break;
      case WITH:
        String w = upper(sql, start, end);
        if (depth == opDepth && DML.contains(w)) {
          operation = w;
          afterOperation(w);
        }
        break;
      case FIND_FROM:
        if (depth == opDepth && is(sql, start, end, "FROM")) {
          state = State.TABLE;
        }
        break;
      case TABLE_KEYWORD:
        String k = upper(sql, start, end);
        if (k.equals("TABLE")) {
          state = State.TABLE;
        } else if (!BEFORE_TABLE_KEYWORD.contains(k)) {
          if ("TRUNCATE".equals(operation)) {
            name(sql.substring(start, end)); // TRUNCATE without TABLE
          } else {
            state = State.DONE;
          }
        }
        break;
      case TABLE:
        if (!BEFORE_TABLE.contains(upper(sql, start, end))) {
          name(sql.substring(start, end));
        }
        break;
      case NAME_DOT:
        append(sql.substring(start, end));
        break;
      default:
        state = state == State.NAME ? State.DONE : state;
    }
  }

  /** A quoted identifier, without its quotes. */
  void quotedName(String name) {
    if (state == State.TABLE || (state == State.TABLE_KEYWORD && "TRUNCATE".equals(operation))) {
      name(name);
    } else if (state == State.NAME_DOT) {
      append(name);
    } else if (state == State.NAME) {
      state = State.DONE;
    }
  }

  /** Punctuation; {@code adjacent} when no space or comment came before it. */
  void punct(char c, boolean adjacent) {
    if (state == State.NAME && c == '.' && adjacent) {
      state = State.NAME_DOT;
    } else if (state == State.NAME || state == State.NAME_DOT || (state == State.TABLE && c == '(')) {
      state = State.DONE;
    }
  }

  /** A literal or a parameter. */
  void value() {
    if (state == State.NAME || state == State.NAME_DOT || state == State.TABLE) {
      state = State.DONE;
    }
  }

  private void start(String word, int depth) {
    opDepth = depth;
    if (word.equals("WITH")) {
      state = State.WITH;
      return;
    }
    operation = OPERATIONS.get(word);
    if (operation == null) {
      state = State.DONE;
    } else {
      afterOperation(operation);
    }
  }

  private void afterOperation(String op) {
    switch (op) {
      case "SELECT":
      case "DELETE":
        state = State.FIND_FROM;
        break;
      case "INSERT":
      case "UPDATE":
      case "MERGE":
      case "REPLACE":
      case "UPSERT":
        state = State.TABLE;
        break;
      case "CREATE":
      case "DROP":
      case "ALTER":
      case "TRUNCATE":
        state = State.TABLE_KEYWORD;
        break;
      default:
        state = State.DONE;
    }
  }

  private void name(String first) {
    collection = new StringBuilder(first.length() + 16);
    append(first);
  }

  private void append(String part) {
    if (state == State.NAME_DOT) {
      collection.append('.');
    }
    collection.append(part, 0, Math.min(part.length(), MAX_COLLECTION + 1));
    state = collection.length() > MAX_COLLECTION ? State.DONE : State.NAME;
  }

  private static boolean is(String sql, int start, int end, String keyword) {
    return end - start == keyword.length() && sql.regionMatches(true, start, keyword, 0, keyword.length());
  }

  private static String upper(String sql, int start, int end) {
    return end - start > 16 ? "" : sql.substring(start, end).toUpperCase(Locale.ROOT);
  }
}
