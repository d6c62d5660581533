package dev.vigil.agent.db;

/**
 * Arms on {@code IDENTIFIED BY} (and Oracle's {@code REPLACE} after it) and on {@code PASSWORD} in a statement about a
 * user, role or login, so the next token is masked even when it is an unquoted word ({@code IDENTIFIED BY tiger}) or a
 * quoted name ({@code "tiger"}). {@code =} between the keyword and the value keeps it armed.
 */
final class PasswordMask {
  private boolean armed;
  private boolean afterIdentified;
  private boolean identifiedBy;
  private boolean userStatement;

  /** A word, name or value comes: true when it must be written as {@code ?}. */
  boolean take() {
    boolean mask = armed;
    armed = false;
    return mask;
  }

  void value() {
    armed = false;
    afterIdentified = false;
  }

  void punct(char c) {
    if (c != '=') {
      armed = false;
    }
    afterIdentified = false;
  }

  void word(String sql, int start, int end, String operation) {
    if (afterIdentified && is(sql, start, end, "BY")) {
      armed = true;
      identifiedBy = true;
    } else if (identifiedBy && is(sql, start, end, "REPLACE")) {
      armed = true;
    } else if (is(sql, start, end, "USER") || is(sql, start, end, "ROLE") || is(sql, start, end, "LOGIN")) {
      userStatement = "CREATE".equals(operation) || "ALTER".equals(operation);
    } else if (is(sql, start, end, "PASSWORD") && (userStatement || "SET".equals(operation))) {
      armed = true;
    }
    afterIdentified = is(sql, start, end, "IDENTIFIED");
  }

  private static boolean is(String sql, int start, int end, String keyword) {
    return end - start == keyword.length() && sql.regionMatches(true, start, keyword, 0, keyword.length());
  }
}
