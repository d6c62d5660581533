package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated statements with literals written the way each dialect quotes them (quotes, backslashes, comment markers and
 * dollar signs inside): no literal content and no digit may reach the output. Random text: no exception, bounded
 * length.
 */
class SqlSanitizerFuzzTest {
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

  @Test
  void noLiteralLeaksInAnyDialect() {
    Random random = new Random(42);
    for (SqlDialect dialect : SqlDialect.values()) {
      for (int n = 0; n < 20_000; n++) {
        String marker = "Zq" + letters(random, 6);
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        int slots = template.split("%s", -1).length - 1;
        Object[] args = new Object[slots];
        for (int k = 0; k < slots; k++) {
          args[k] = literal(random, dialect, marker);
        }
        String sql = String.format(template, args);
        SqlInfo info = SqlSanitizer.sanitize(sql, dialect, 256);
        assertThat(info.text).as("%s: %s", dialect, sql).doesNotContain(marker).doesNotContainPattern("[0-9]");
        assertThat(info.text.length()).isLessThanOrEqualTo(256);
      }
    }
  }

  @Test
  void randomTextNeverThrowsAndStaysBounded() {
    Random random = new Random(7);
    String alphabet = "SELECT FROM WHERE IN ( ) , ? ' \" ` [ ] $ $$ -- /* */ # \\ \n 0x 1.5e+ q'[ U&' N' E' IDENTIFIED BY"
        + " PASSWORD = . ; \u00e9 \ud83d\ude00 \ud800";
    String[] pieces = alphabet.split(" ");
    for (SqlDialect dialect : SqlDialect.values()) {
      for (int n = 0; n < 20_000; n++) {
        StringBuilder sql = new StringBuilder();
        int length = random.nextInt(40);
        for (int k = 0; k < length; k++) {
          sql.append(random.nextBoolean() ? pieces[random.nextInt(pieces.length)] : (char) random.nextInt(0x3000));
          if (random.nextInt(3) == 0) {
            sql.append(' ');
          }
        }
        SqlInfo info = SqlSanitizer.sanitize(sql.toString(), dialect, 64);
        assertThat(info.text.length()).isLessThanOrEqualTo(64);
      }
    }
  }

  /** A literal holding the marker, quoted the way {@code dialect} reads it. */
  private static String literal(Random random, SqlDialect dialect, String marker) {
    String body = marker + tricky(random);
    switch (random.nextInt(dialect == SqlDialect.POSTGRESQL ? 6 : 4)) {
      case 0:
        return Integer.toString(random.nextInt(1_000_000_000));
      case 1:
        return "-" + random.nextInt(1000) + "." + random.nextInt(1000) + "e" + random.nextInt(20);
      case 2:
        return "'" + escapeSingle(body, dialect) + "'";
      case 3:
        return dialect == SqlDialect.MYSQL ? "\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
            : "'" + escapeSingle(body, dialect) + "'";
      case 4:
        return "$$" + body.replace("$$", "$ $") + "$$";
      default:
        return "E'" + body.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
  }

  private static String escapeSingle(String body, SqlDialect dialect) {
    String s = dialect.backslashEscapes ? body.replace("\\", "\\\\") : body;
    return s.replace("'", "''");
  }

  private static String tricky(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
    }
    // no digits (the output must have none) and no "*/" (a literal placed in a comment must not end the comment)
    return s.toString().replaceAll("[0-9]", "").replace("*/", "* /");
  }

  private static String letters(Random random, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}
