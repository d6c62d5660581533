package dev.vigil.agent.db;

/**
 * Turns SQL into text safe to export, in one pass: every literal (strings in any quoting, numbers, hex, dollar quotes)
 * becomes {@code ?}, comments are dropped, whitespace collapses, {@code IN (?, ?, ?)} becomes {@code IN (?)}, and the
 * token after {@code IDENTIFIED BY} or a user's {@code PASSWORD} is masked even when it is a bare word. Identifiers,
 * keywords, operators and placeholders are kept. Input beyond {@link #MAX_SCAN} characters is not read and output is
 * capped, so the cost is linear and bounded; an unterminated literal or comment swallows the rest of the input, so
 * nothing inside one is ever written out.
 */
public final class SqlSanitizer {
  /** Characters read at most; the rest of a longer statement is dropped. */
  public static final int MAX_SCAN = 1 << 20;
  private static final int MAX_DOLLAR_TAG = 64;

  private final String sql;
  private final SqlDialect dialect;
  private final int maxLength;
  private final int end;
  private final StringBuilder out;
  private final SqlSummary summary = new SqlSummary();
  private final PasswordMask password = new PasswordMask();
  private final InListCollapse inList = new InListCollapse();
  private boolean pendingSpace;
  private boolean full;
  private boolean unterminated;
  private int depth;

  private SqlSanitizer(String sql, SqlDialect dialect, int maxLength) {
    this.sql = sql;
    this.dialect = dialect == null ? SqlDialect.UNKNOWN : dialect;
    this.maxLength = Math.max(16, maxLength);
    this.end = Math.min(sql.length(), MAX_SCAN);
    this.out = new StringBuilder(Math.min(end, this.maxLength) + 8);
  }

  /** Never throws: a null input gives {@link SqlInfo#UNKNOWN}. */
  public static SqlInfo sanitize(String sql, SqlDialect dialect, int maxLength) {
    if (sql == null) {
      return SqlInfo.UNKNOWN;
    }
    SqlSanitizer s = new SqlSanitizer(sql, dialect, maxLength);
    s.run();
    return new SqlInfo(s.out.toString(), s.summary.operation(), s.summary.collection());
  }

  private void run() {
    int i = 0;
    while (i < end && !full) {
      char c = sql.charAt(i);
      char next = i + 1 < end ? sql.charAt(i + 1) : '\0';
      if (Character.isWhitespace(c)) {
        pendingSpace = true;
        i++;
      } else if ((c == '-' && next == '-') || (c == '#' && dialect.hashComments)) {
        i = lineEnd(i);
      } else if (c == '/' && next == '*') {
        i = blockCommentEnd(i);
      } else if (c == '\'') {
        i = literal(stringEnd(i, '\''));
      } else if (c == '"') {
        i = dialect.doubleQuoteStrings ? literal(stringEnd(i, '"')) : quotedName(i, quotedEnd(i, '"', false));
      } else if (c == '`' || (c == '[' && dialect.bracketIdentifiers)) {
        i = quotedName(i, quotedEnd(i, c == '[' ? ']' : '`', false));
      } else if (isDigit(c) || (c == '.' && isDigit(next))) {
        i = literal(numberEnd(i));
      } else if (c == '$' && dialect.dollarQuotes) {
        i = dollar(i);
      } else if (isWordStart(c)) {
        i = word(i);
      } else if (c == '?') {
        emitValue("?");
        i++;
      } else {
        i = punct(i, c);
      }
    }
    inList.flush(this);
  }

  // ---- tokens

  private int word(int start) {
    int e = start + 1;
    while (e < end && isWordPart(sql.charAt(e))) {
      e++;
    }
    if (e < end && sql.charAt(e) == '\'' && isStringPrefix(start, e)) {
      boolean escapes = e - start == 1 && (sql.charAt(start) | 0x20) == 'e'; // E'...': escapes in any dialect
      return literal(escapes ? quotedEnd(e, '\'', true) : stringEnd(e, '\''));
    }
    if (e + 1 < end && sql.charAt(e) == '&' && sql.charAt(e + 1) == '\'' && e - start == 1
        && (sql.charAt(start) | 0x20) == 'u') {
      return literal(stringEnd(e + 1, '\'')); // U&'...' unicode escapes
    }
    if (dialect.qQuotes && e < end && sql.charAt(e) == '\'' && isQPrefix(start, e)) {
      return literal(qQuoteEnd(e));
    }
    inList.word(this, e - start == 2 && sql.regionMatches(true, start, "IN", 0, 2));
    if (password.take()) {
      emitValue("?");
    } else {
      emit(sql, start, e);
      summary.word(sql, start, e, depth);
      password.word(sql, start, e, summary.operation());
    }
    return e;
  }

  private int quotedName(int start, int e) {
    inList.word(this, false);
    if (password.take() || unterminated) {
      // masked, or unterminated: what follows the quote may be anything, so none of it is written
      emitValue("?");
      return e;
    }
    emit(sql, start, e);
    int inner = e - start >= 2 ? e - 1 : e;
    summary.quotedName(sql.substring(Math.min(start + 1, inner), inner));
    return e;
  }

  private int literal(int e) {
    emitValue("?");
    return e;
  }

  private int dollar(int i) {
    int j = i + 1;
    if (j < end && isDigit(sql.charAt(j))) {
      while (j < end && isDigit(sql.charAt(j))) {
        j++;
      }
      emitValue(sql.substring(i, j)); // $1: a positional parameter
      return j;
    }
    while (j < end && j - i <= MAX_DOLLAR_TAG && (isWordStart(sql.charAt(j)) || (j > i + 1 && isDigit(sql.charAt(j))))) {
      j++;
    }
    if (j - i > MAX_DOLLAR_TAG) {
      return literal(end); // too long to be a tag we search for: treat the rest as quoted
    }
    if (j < end && sql.charAt(j) == '$') {
      String tag = sql.substring(i, j + 1);
      int close = sql.indexOf(tag, j + 1);
      return literal(close < 0 || close + tag.length() > end ? end : close + tag.length());
    }
    return punct(i, '$');
  }

  private int punct(int i, char c) {
    boolean adjacent = !pendingSpace;
    if (c == '(') {
      depth++;
    } else if (c == ')' && depth > 0) {
      depth--;
    }
    password.punct(c);
    if (!inList.punct(this, c, depth)) {
      emit(sql, i, i + 1);
    }
    summary.punct(c, adjacent);
    return i + 1;
  }

  // ---- ends of literals, names and comments (each returns the index after the token)

  /** The end of a string literal by the dialect's rules; the end of the input when a backslash makes it ambiguous. */
  private int stringEnd(int start, char quote) {
    if (dialect.backslashEscapes || !dialect.ambiguousBackslash) {
      return quotedEnd(start, quote, dialect.backslashEscapes);
    }
    int e = quotedEnd(start, quote, false);
    for (int k = start + 1; k + 1 < e; k++) {
      if (sql.charAt(k) == '\\' && sql.charAt(k + 1) == quote) {
        return end; // read with backslash escapes, the literal would go on past e
      }
    }
    return e;
  }

  private int quotedEnd(int start, char quote, boolean backslash) {
    unterminated = false;
    int j = start + 1;
    while (j < end) {
      char c = sql.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < end && sql.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    unterminated = true;
    return end;
  }

  private int qQuoteEnd(int quote) {
    if (quote + 1 >= end) {
      return end;
    }
    char open = sql.charAt(quote + 1);
    char close = open == '[' ? ']' : open == '{' ? '}' : open == '(' ? ')' : open == '<' ? '>' : open;
    for (int j = quote + 2; j + 1 < end; j++) {
      if (sql.charAt(j) == close && sql.charAt(j + 1) == '\'') {
        return j + 2;
      }
    }
    return end;
  }

  private int numberEnd(int start) {
    int j = start;
    if (sql.charAt(j) == '0' && j + 1 < end && "xXbB".indexOf(sql.charAt(j + 1)) >= 0) {
      j += 2;
    }
    while (j < end) {
      char c = sql.charAt(j);
      if (isWordPart(c) || c == '.') {
        j++;
      } else if ((c == '+' || c == '-') && (sql.charAt(j - 1) | 0x20) == 'e' && isDecimalExponent(start, j - 1)) {
        j++;
      } else {
        break;
      }
    }
    return j;
  }

  private boolean isDecimalExponent(int start, int e) {
    for (int k = start; k < e; k++) {
      char c = sql.charAt(k);
      if (!isDigit(c) && c != '.') {
        return false;
      }
    }
    return true;
  }

  private int lineEnd(int i) {
    int nl = sql.indexOf('\n', i);
    pendingSpace = true;
    return nl < 0 || nl >= end ? end : nl + 1;
  }

  private int blockCommentEnd(int i) {
    int nesting = 0;
    int j = i;
    while (j + 1 < end) {
      if (sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
        nesting = dialect.nestedComments || nesting == 0 ? nesting + 1 : nesting;
        j += 2;
      } else if (sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
        j += 2;
        if (--nesting == 0) {
          pendingSpace = true;
          return j;
        }
      } else {
        j++;
      }
    }
    return end;
  }

  // ---- output

  /** A literal or parameter: written as given (always {@code ?} or {@code $n}), and seen by the summary. */
  private void emitValue(String value) {
    password.value();
    if (!inList.value(depth)) {
      emit(value, 0, value.length());
    }
    summary.value();
  }

  void emit(CharSequence s, int from, int to) {
    if (pendingSpace && out.length() > 0) {
      append(" ", 0, 1);
    }
    pendingSpace = false;
    append(s, from, to);
  }

  boolean isFull() {
    return full;
  }

  private void append(CharSequence s, int from, int to) {
    int room = maxLength - out.length();
    if (to - from >= room) {
      out.append(s, from, from + Math.max(0, room));
      full = true;
    } else {
      out.append(s, from, to);
    }
  }

  // ---- characters

  private boolean isStringPrefix(int start, int e) {
    if (e - start == 1) {
      return "eEnNxXbBrR".indexOf(sql.charAt(start)) >= 0;
    }
    return dialect.backslashEscapes && sql.charAt(start) == '_'; // MySQL charset introducer, _utf8mb4'...'
  }

  private boolean isQPrefix(int start, int e) {
    int length = e - start;
    char last = (char) (sql.charAt(e - 1) | 0x20);
    return last == 'q' && (length == 1 || (length == 2 && (sql.charAt(start) | 0x20) == 'n'));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c));
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c) || c == '$' || (c >= 0x80 && Character.isLetterOrDigit(c));
  }
}
