package dev.vigil.agent.db;

/**
 * The lexical rules that differ between databases and decide where a literal ends. Picked from the connection URL;
 * when the database is unknown, every rule that could hide a literal applies (see {@link #UNKNOWN}).
 */
public enum SqlDialect {
  /** SQL standard, H2, HSQLDB, Derby, DB2: '' doubles a quote, "x" is an identifier, $$ quotes, q'[...]'. */
  STANDARD(Rules.DOLLAR_QUOTES | Rules.NESTED_COMMENTS | Rules.Q_QUOTES),
  /**
   * $$ and $tag$ quotes, E'...' escapes, nested comments. A backslash before a quote is ambiguous: with
   * standard_conforming_strings off (old servers, Redshift) it escapes the quote.
   */
  POSTGRESQL(Rules.DOLLAR_QUOTES | Rules.NESTED_COMMENTS | Rules.AMBIGUOUS_BACKSLASH),
  /** MySQL and MariaDB: backslash escapes, "x" is a string, # comments, `x` identifiers. */
  MYSQL(Rules.BACKSLASH_ESCAPES | Rules.DOUBLE_QUOTE_STRINGS | Rules.HASH_COMMENTS),
  /** [x] identifiers, nested comments. */
  SQLSERVER(Rules.NESTED_COMMENTS | Rules.BRACKET_IDENTIFIERS),
  /** q'[...]' alternative quoting. */
  ORACLE(Rules.NESTED_COMMENTS | Rules.Q_QUOTES),
  /**
   * SQLite and any database not recognised: 'x' and "x" are both literals (SQLite reads an unknown "x" as a string, and
   * MySQL-like servers always do), `x` stays an identifier (no known database quotes a value with backticks), # starts
   * a comment, $$ and q'[...]' quote; a backslash before a quote may or may not escape it, so such a literal masks the
   * rest of the statement.
   */
  UNKNOWN(Rules.DOUBLE_QUOTE_STRINGS | Rules.HASH_COMMENTS | Rules.DOLLAR_QUOTES | Rules.NESTED_COMMENTS
      | Rules.Q_QUOTES | Rules.AMBIGUOUS_BACKSLASH);

  final boolean backslashEscapes;
  final boolean doubleQuoteStrings;
  final boolean hashComments;
  final boolean dollarQuotes;
  /** Nesting hides more when the database would not nest: the safe side. Only MySQL is known not to nest. */
  final boolean nestedComments;
  final boolean qQuotes;
  final boolean bracketIdentifiers;
  /** A backslash before a quote might escape it: the literal's end is unknown, so the rest of the input is masked. */
  final boolean ambiguousBackslash;

  SqlDialect(int rules) {
    this.backslashEscapes = (rules & Rules.BACKSLASH_ESCAPES) != 0;
    this.doubleQuoteStrings = (rules & Rules.DOUBLE_QUOTE_STRINGS) != 0;
    this.hashComments = (rules & Rules.HASH_COMMENTS) != 0;
    this.dollarQuotes = (rules & Rules.DOLLAR_QUOTES) != 0;
    this.nestedComments = (rules & Rules.NESTED_COMMENTS) != 0;
    this.qQuotes = (rules & Rules.Q_QUOTES) != 0;
    this.bracketIdentifiers = (rules & Rules.BRACKET_IDENTIFIERS) != 0;
    this.ambiguousBackslash = (rules & Rules.AMBIGUOUS_BACKSLASH) != 0;
  }

  private static final class Rules {
    static final int BACKSLASH_ESCAPES = 1;
    static final int DOUBLE_QUOTE_STRINGS = 1 << 1;
    static final int HASH_COMMENTS = 1 << 2;
    static final int DOLLAR_QUOTES = 1 << 3;
    static final int NESTED_COMMENTS = 1 << 4;
    static final int Q_QUOTES = 1 << 5;
    static final int BRACKET_IDENTIFIERS = 1 << 6;
    static final int AMBIGUOUS_BACKSLASH = 1 << 7;
  }
}
