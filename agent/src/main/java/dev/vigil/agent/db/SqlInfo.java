package dev.vigil.agent.db;

/** What Vigil keeps of one SQL statement: its sanitized text, operation (SELECT, ...) and main table. */
public final class SqlInfo {
  /** A statement whose SQL is not known (prepared before the agent started, or a plain Statement batch). */
  public static final SqlInfo UNKNOWN = new SqlInfo(null, null, null);

  /** The SQL with every literal replaced by {@code ?}, comments removed, capped in length; null when unknown. */
  public final String text;
  /** Upper-case operation keyword (SELECT, INSERT, CREATE, ...), or null. */
  public final String operation;
  /** The main table as written (schema-qualified when it is), without quotes, or null. */
  public final String collection;

  public SqlInfo(String text, String operation, String collection) {
    this.text = text;
    this.operation = operation;
    this.collection = collection;
  }

  @Override
  public String toString() {
    return operation + " " + collection + ": " + text;
  }
}
