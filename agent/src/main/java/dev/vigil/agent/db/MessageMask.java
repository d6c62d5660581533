package dev.vigil.agent.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the literals in a database or Redis error message. A statement the driver quotes (H2's "SQL statement:",
 * MariaDB's "Query is:", PostgreSQL's "Batch entry N ... was aborted", HSQLDB's "in statement [...]") is sanitized like
 * {@code db.query.text}. The rest is prose of unknown shape, read the safe way: everything from the first quote (' " `,
 * and $ for dollar quotes) to the last one becomes one {@code ?} (drivers nest quotes and print values unescaped, so no
 * pairing can be trusted), so does a parenthesized group after {@code =}, {@code contains} or {@code is} (PostgreSQL's
 * and SQL Server's unquoted key values), and so does every number that is not part of a word or an error code
 * ({@code ORA-00942}).
 */
final class MessageMask {
  private static final int MAX_SCAN = 64 * 1024;
  private static final String H2_STATEMENT = "SQL statement:\n";
  private static final Pattern H2_CODE = Pattern.compile(" \\[\\d{1,6}-\\d{1,6}]$");
  private static final String MARIADB_QUERY = "\nQuery is: ";
  private static final Pattern PG_BATCH = Pattern.compile("Batch entry \\d{1,10} ");
  private static final String PG_BATCH_END = " was aborted";
  private static final String HSQLDB_STATEMENT = " in statement [";
  private static final Pattern VALUE_GROUP = Pattern.compile("(?i)(=|\\bcontains|\\bis)\\s*\\(");

  private MessageMask() {}

  static String mask(String message, SqlDialect dialect, int maxLength) {
    String m = message.length() > MAX_SCAN ? message.substring(0, MAX_SCAN) : message;
    StringBuilder out = new StringBuilder(Math.min(m.length(), maxLength) + 16);
    int[] sql = statement(m);
    if (sql == null) {
      prose(m, out);
    } else {
      prose(m.substring(0, sql[0]), out);
      out.append(SqlSanitizer.sanitize(m.substring(sql[0], sql[1]), dialect, maxLength).text);
      String rest = m.substring(sql[1]);
      if (H2_CODE.matcher(rest).matches()) {
        out.append(rest); // H2's error code and build: " [23505-232]"
      } else {
        prose(rest, out);
      }
    }
    return out.length() > maxLength ? out.substring(0, maxLength) : out.toString();
  }

  /** Start and end of the statement a driver quoted in {@code m}, or null. */
  private static int[] statement(String m) {
    int at = m.indexOf(H2_STATEMENT);
    if (at >= 0) {
      Matcher code = H2_CODE.matcher(m);
      return new int[] {at + H2_STATEMENT.length(), code.find(at) ? code.start() : m.length()};
    }
    at = m.indexOf(MARIADB_QUERY);
    if (at >= 0) {
      return new int[] {at + MARIADB_QUERY.length(), m.length()};
    }
    Matcher batch = PG_BATCH.matcher(m);
    if (batch.find()) {
      int end = m.lastIndexOf(PG_BATCH_END);
      return new int[] {batch.end(), end > batch.end() ? end : m.length()};
    }
    at = m.indexOf(HSQLDB_STATEMENT);
    if (at >= 0 && m.endsWith("]")) {
      return new int[] {at + HSQLDB_STATEMENT.length(), m.length() - 1};
    }
    return null;
  }

  private static void prose(String p, StringBuilder out) {
    boolean[] masked = new boolean[p.length()];
    int first = indexOfQuote(p);
    if (first >= 0) {
      int last = lastIndexOfQuote(p);
      fill(masked, first, last > first ? last + 1 : p.length()); // a lone quote: its value may run to the end
    }
    Matcher group = VALUE_GROUP.matcher(p);
    if (group.find()) {
      int close = p.lastIndexOf(')');
      fill(masked, group.end(), close >= group.end() ? close : p.length());
    }
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (masked[i]) {
        out.append('?');
        while (i < p.length() && masked[i]) {
          i++;
        }
      } else if (isDigit(c) && (i == 0 || !isWordPart(p.charAt(i - 1))) && !isErrorCode(p, i)) {
        out.append('?');
        while (i < p.length() && (isWordPart(p.charAt(i)) || p.charAt(i) == '.')) {
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** Digits after an upper-case prefix and a hyphen: ORA-00942, SQL-30082, ERRCODE-1. */
  private static boolean isErrorCode(String p, int digit) {
    int k = digit - 1;
    if (k < 2 || p.charAt(k) != '-') {
      return false;
    }
    int letters = 0;
    while (--k >= 0 && p.charAt(k) >= 'A' && p.charAt(k) <= 'Z') {
      letters++;
    }
    return letters >= 2 && (k < 0 || !isWordPart(p.charAt(k)));
  }

  private static void fill(boolean[] masked, int from, int to) {
    for (int i = Math.max(0, from); i < Math.min(to, masked.length); i++) {
      masked[i] = true;
    }
  }

  private static int indexOfQuote(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isQuote(s, i)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOfQuote(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      if (isQuote(s, i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A quote, not the apostrophe of "doesn't" (MySQL: "Table 'x' doesn't exist"). Only n't is spared: any wider rule
   * (it's, O'Brien) would also spare the quote of a typed literal in a statement quoted as prose (text's secret').
   */
  private static boolean isQuote(String s, int i) {
    char c = s.charAt(i);
    if (c == '\'') {
      boolean nt = i >= 2 && i + 1 < s.length() && s.charAt(i - 1) == 'n' && Character.isLetter(s.charAt(i - 2))
          && s.charAt(i + 1) == 't';
      return !(nt && (i + 2 == s.length() || !isWordPart(s.charAt(i + 2)) && s.charAt(i + 2) != '\''));
    }
    return c == '"' || c == '`' || c == '$'; // $ for $$...$$ and $tag$...$tag$ in a statement quoted as prose
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
