package dev.vigil.agent.db;

import java.util.Random;

/**
 * Random SQL with planted literals for the fuzz tests: every literal holds a marker (letters only) and is quoted the way
 * the dialect reads it, with quotes, backslashes, comment markers and dollar signs inside. Nothing outside a literal
 * holds a digit, so a digit in the output is a leaked number.
 */
final class PlantedSql {
  private static final String TRICKY = "'\"\\`$-/*#;() \n\tab\u00e9\u4e2d";
  private static final String[] TEMPLATES = {
    "SELECT name, price FROM items WHERE id = %s AND note = %s",
    "INSERT INTO items (id, name) VALUES (%s, %s)",
    "UPDATE items SET name = %s WHERE id IN (%s, %s)",
    "DELETE FROM items WHERE name LIKE %s -- trailing %s comment\n",
    "SELECT * FROM t /* %s */ WHERE a = %s",
    "CREATE USER app PASSWORD %s",
    "SELECT f(%s, %s) FROM dual WHERE x <> %s",
  };
  private static final String[] WORDS = {"SELECT", "FROM", "WHERE", "AND", "OR", "IN", "VALUES", "SET", "name", "t.col",
    "f(", "(", ")", ",", "=", "<>", "+", "?", "*", ";", "\n", "-- note\n", "/* note */", "`quoted`", "IS NULL"};
  /** Ways of quoting a value, by the dialects that read them so. */
  private enum Style { NUMBER, DECIMAL, SINGLE, MYSQL_DOUBLE, DOLLAR, E_STRING, N_STRING, Q_QUOTE }

  private PlantedSql() {}

  static String marker(Random random) {
    StringBuilder s = new StringBuilder("Zq");
    for (int i = 0; i < 6; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }

  /** A template filled with literals, or random tokens with literals among them. */
  static String statement(Random random, SqlDialect dialect, String marker) {
    if (random.nextBoolean()) {
      String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
      int slots = template.split("%s", -1).length - 1;
      Object[] args = new Object[slots];
      for (int k = 0; k < slots; k++) {
        args[k] = literal(random, dialect, marker);
      }
      return String.format(template, args);
    }
    StringBuilder sql = new StringBuilder();
    int tokens = 1 + random.nextInt(16);
    for (int k = 0; k < tokens; k++) {
      sql.append(random.nextInt(3) == 0 ? literal(random, dialect, marker) : WORDS[random.nextInt(WORDS.length)])
          .append(random.nextBoolean() ? " " : "\n"); // a literal must not run into a word: that is a name
    }
    return sql.toString();
  }

  /** A literal holding the marker, quoted the way {@code dialect} reads it; any database's way for UNKNOWN. */
  static String literal(Random random, SqlDialect dialect, String marker) {
    String body = marker + tricky(random);
    Style style = style(random, dialect);
    SqlDialect as = dialect == SqlDialect.UNKNOWN ? origin(style, random) : dialect;
    switch (style) {
      case NUMBER:
        return Integer.toString(random.nextInt(1_000_000_000));
      case DECIMAL:
        return "-" + random.nextInt(1000) + "." + random.nextInt(1000) + "e" + random.nextInt(20);
      case MYSQL_DOUBLE:
        return "\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      case DOLLAR:
        return "$$" + body.replace("$", "$ ") + "$$"; // no "$$" inside, no "$" against the closing one
      case E_STRING:
        return "E'" + body.replace("\\", "\\\\").replace("'", "\\'") + "'";
      case N_STRING:
        return "N'" + escapeSingle(body, as) + "'";
      case Q_QUOTE:
        return "q'[" + body.replace("]'", "] '") + "]'";
      default:
        return "'" + escapeSingle(body, as) + "'";
    }
  }

  private static Style style(Random random, SqlDialect dialect) {
    switch (dialect) {
      case POSTGRESQL:
        return pick(random, Style.NUMBER, Style.DECIMAL, Style.SINGLE, Style.DOLLAR, Style.E_STRING);
      case MYSQL:
        return pick(random, Style.NUMBER, Style.DECIMAL, Style.SINGLE, Style.MYSQL_DOUBLE, Style.N_STRING);
      case ORACLE:
        return pick(random, Style.NUMBER, Style.DECIMAL, Style.SINGLE, Style.Q_QUOTE, Style.N_STRING);
      case SQLSERVER:
      case STANDARD:
        return pick(random, Style.NUMBER, Style.DECIMAL, Style.SINGLE, Style.N_STRING);
      default:
        return Style.values()[random.nextInt(Style.values().length)];
    }
  }

  /** For UNKNOWN: the database a plain '...' literal was written for (its escaping differs). */
  private static SqlDialect origin(Style style, Random random) {
    SqlDialect[] known = {SqlDialect.STANDARD, SqlDialect.POSTGRESQL, SqlDialect.MYSQL, SqlDialect.ORACLE};
    return known[random.nextInt(known.length)];
  }

  private static Style pick(Random random, Style... styles) {
    return styles[random.nextInt(styles.length)];
  }

  private static String escapeSingle(String body, SqlDialect dialect) {
    String s = dialect.backslashEscapes ? body.replace("\\", "\\\\") : body;
    return s.replace("'", "''");
  }

  /** Random awkward characters: no digits (the output must have none) and no "*&#47;" (a literal in a comment). */
  static String tricky(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
    }
    return s.toString().replace("*/", "* /");
  }
}
