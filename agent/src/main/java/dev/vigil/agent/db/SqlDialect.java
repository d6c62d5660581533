package dev.vigil.agent.db;

/**
 * The lexical rules that differ between databases and decide where a literal ends. Picked from the connection URL;
 * when the database is unknown, the standard rules apply, with every quoting form that cannot hide code from them.
 */
public enum SqlDialect {
  /** SQL standard, H2 and unknown databases: '' doubles a quote, "x" is an identifier, $$ quotes, q'[...]'. */
  STANDARD(false, true, true, true, false),
  /** $$ and $tag$ quotes, E'...' escapes, nested comments. */
  POSTGRESQL(false, true, true, false, false),
  /** MySQL and MariaDB: backslash escapes, "x" is a string, # comments, `x` identifiers. */
  MYSQL(true, false, false, false, false),
  /** [x] identifiers, nested comments. */
  SQLSERVER(false, false, true, false, true),
  /** q'[...]' alternative quoting. */
  ORACLE(false, false, true, true, false);

  final boolean backslashEscapes;
  final boolean doubleQuoteStrings;
  final boolean hashComments;
  final boolean dollarQuotes;
  /** Nesting hides more when the database would not nest: the safe side. Only MySQL is known not to nest. */
  final boolean nestedComments;
  final boolean qQuotes;
  final boolean bracketIdentifiers;

  SqlDialect(boolean mysql, boolean dollarQuotes, boolean nestedComments, boolean qQuotes,
      boolean bracketIdentifiers) {
    this.backslashEscapes = mysql;
    this.doubleQuoteStrings = mysql;
    this.hashComments = mysql;
    this.dollarQuotes = dollarQuotes;
    this.nestedComments = nestedComments;
    this.qQuotes = qQuotes;
    this.bracketIdentifiers = bracketIdentifiers;
  }
}
