package dev.vigil.agent.db;

/**
 * {@code IN (?, ?, ?)} becomes {@code IN (?)}, so that lists of different lengths are one statement (and a long list
 * does not fill the length cap). Values of a list are held back; a list that turns out to hold something else (a
 * column, a subquery) is written back in a canonical form.
 */
final class InListCollapse {
  private boolean afterIn;
  private int listDepth = -1;
  private int values;

  /** A word or quoted name; {@code in} when it is the keyword IN. */
  void word(SqlSanitizer s, boolean in) {
    flush(s);
    afterIn = in;
  }

  /** A literal or parameter at {@code depth}: true when it is held back as part of a list. */
  boolean value(int depth) {
    afterIn = false;
    if (listDepth >= 0 && depth == listDepth) {
      values++;
      return true;
    }
    return false;
  }

  /** Punctuation, {@code depth} counted after it: true when it was consumed here. */
  boolean punct(SqlSanitizer s, char c, int depth) {
    if (afterIn && c == '(') {
      afterIn = false;
      listDepth = depth;
      values = 0;
      return true;
    }
    afterIn = false;
    if (listDepth < 0) {
      return false;
    }
    if (c == ',' || c == '+' || c == '-') {
      return true;
    }
    if (c == ')' && depth == listDepth - 1) {
      listDepth = -1;
      s.emit("(?)", 0, 3);
      return true;
    }
    flush(s);
    return false;
  }

  /** The input ended inside a list: write it back as far as it went. */
  void flush(SqlSanitizer s) {
    if (listDepth < 0) {
      return;
    }
    listDepth = -1;
    s.emit("(", 0, 1);
    for (int k = 0; k < values && !s.isFull(); k++) {
      s.emit("?,", 0, 2); // separators were held back too: canonical "?," per value
    }
  }
}
