package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages as H2 2.3, pgjdbc 42.7, MariaDB Connector/J 3.5, HSQLDB, Oracle, SQL Server and Redis write them. */
class ExceptionTextTest {
  private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> STACK_TRACE = AttributeKey.stringKey("exception.stacktrace");
  private static final AttributeKey<String> TYPE = AttributeKey.stringKey("exception.type");

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
    // H2: the statement after "SQL statement:", values (even of other rows) quoted in the prose before it
    "Unique index or primary key violation: \"PRIMARY KEY ON PUBLIC.T(ID) ( /* key:1 */ 1, 'a', 'alice@example.com')\"; SQL statement:\\nINSERT INTO t VALUES (1, 'b', 'SECRETdup@x') [23505-232]"
        + " | STANDARD | Unique index or primary key violation: ?; SQL statement:\\nINSERT INTO t VALUES (?, ?, ?) [23505-232]",
    "Value too long for column \"NAME CHARACTER VARYING(5)\": \"'SECRETlong' (10)\"; SQL statement:\\nINSERT INTO t VALUES (3, 'SECRETlong', 'z') [22001-232]"
        + " | STANDARD | Value too long for column ?; SQL statement:\\nINSERT INTO t VALUES (?, ?, ?) [22001-232]",
    "Syntax error in SQL statement \"SELECT * FROM t WHERE name = 'SECRETsyn' [*]FROMM x\"; SQL statement:\\nSELECT * FROM t WHERE name = 'SECRETsyn' FROMM x [42000-232]"
        + " | STANDARD | Syntax error in SQL statement ?; SQL statement:\\nSELECT * FROM t WHERE name = ? FROMM x [42000-232]",
    "Table \"T_MISSING\" not found; SQL statement:\\nSELECT * FROM t_missing WHERE a = 'SECRET' [42102-232]"
        + " | STANDARD | Table ? not found; SQL statement:\\nSELECT * FROM t_missing WHERE a = ? [42102-232]",
    // PostgreSQL: values unquoted in Detail, quoted in double quotes elsewhere; the batch quotes the bound statement
    "ERROR: duplicate key value violates unique constraint \"t_email_key\"\\n  Detail: Key (email)=(alice@example.com) already exists."
        + " | POSTGRESQL | ERROR: duplicate key value violates unique constraint ?\\n  Detail: Key (email)=(?) already exists.",
    "ERROR: null value in column \"name\" of relation \"t\" violates not-null constraint\\n  Detail: Failing row contains (4, null, SECRET)."
        + " | POSTGRESQL | ERROR: null value in column ? violates not-null constraint\\n  Detail: Failing row contains (?).",
    "ERROR: invalid input syntax for type integer: \"SECRET\"\\n  Position: 42"
        + " | POSTGRESQL | ERROR: invalid input syntax for type integer: ?\\n  Position: ?",
    "Batch entry 0 INSERT INTO t VALUES (('9'::int4), ('x'), ('alice@example.com')) was aborted: ERROR: duplicate key value violates unique constraint \"t_email_key\"\\n  Detail: Key (email)=(alice@example.com) already exists.  Call getNextException to see other errors in the batch."
        + " | POSTGRESQL | Batch entry ? INSERT INTO t VALUES ((?::int4), (?), (?)) was aborted: ERROR: duplicate key value violates unique constraint ?\\n  Detail: Key (email)=(?) already exists.  Call getNextException to see other errors in the batch.",
    // MariaDB / MySQL: values in single quotes, a fragment of the statement after "near"
    "(conn=8) Duplicate entry 'alice@example.com' for key 'email' | MYSQL | (conn=?) Duplicate entry ?",
    "(conn=8) You have an error in your SQL syntax; check the manual for the right syntax to use near ''SECRET' FROMM x' at line 1"
        + " | MYSQL | (conn=?) You have an error in your SQL syntax; check the manual for the right syntax to use near ? at line ?",
    "(conn=8) Table 'test.t_missing' doesn't exist | MYSQL | (conn=?) Table ? doesn't exist",
    "(conn=5) Duplicate entry 'O'Brien' for key 'PRIMARY'\\nQuery is: INSERT INTO t VALUES (1, 'O\\'Brien') | MYSQL | (conn=?) Duplicate entry ?\\nQuery is: INSERT INTO t VALUES (?, ?)",
    // others
    "integrity constraint violation: unique constraint or index violation; SYS_PK_10092 table: T in statement [INSERT INTO t VALUES (1, 'SECRET')]"
        + " | STANDARD | integrity constraint violation: unique constraint or index violation; SYS_PK_10092 table: T in statement [INSERT INTO t VALUES (?, ?)]",
    "ORA-00942: table or view does not exist | ORACLE | ORA-00942: table or view does not exist",
    "ORA-12899: value too large for column \"S\".\"T\".\"C\" (actual: 20, maximum: 10) | ORACLE | ORA-12899: value too large for column ? (actual: ?, maximum: ?)",
    "Violation of PRIMARY KEY constraint 'PK_t'. Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is (SECRET)."
        + " | SQLSERVER | Violation of PRIMARY KEY constraint ?. The duplicate key value is (?).",
    "ERR unknown command 'SECRETcmd', with args beginning with: 'SECRETarg' | UNKNOWN | ERR unknown command ?",
    "WRONGTYPE Operation against a key holding the wrong kind of value | UNKNOWN | WRONGTYPE Operation against a key holding the wrong kind of value",
    "[SQLITE_ERROR] SQL error or missing database (near \"SECRET\": syntax error) | UNKNOWN | [SQLITE_ERROR] SQL error or missing database (near ?: syntax error)",
  })
  void masksWhatDriversQuote(String message, SqlDialect dialect, String expected) {
    SQLException e = new SQLException(message.replace("\\n", "\n"));
    assertThat(ExceptionText.event(e, dialect).get(MESSAGE)).isEqualTo(expected.replace("\\n", "\n"));
  }

  @Test
  void theStackTraceKeepsFramesAndMasksEveryMessageOfTheChain() {
    SQLException driver = new SQLException("Duplicate entry 'SECRET-1' for key 'PRIMARY'");
    RuntimeException wrapper = new IllegalStateException("insert failed: 'SECRET-2'", driver);
    Attributes event = ExceptionText.event(wrapper, SqlDialect.MYSQL);
    assertThat(event.get(TYPE)).isEqualTo(IllegalStateException.class.getName());
    assertThat(event.get(MESSAGE)).isEqualTo("insert failed: ?");
    String trace = event.get(STACK_TRACE);
    assertThat(trace).startsWith("java.lang.IllegalStateException: insert failed: ?\n\tat dev.vigil.agent.db."
        + "ExceptionTextTest.theStackTraceKeepsFramesAndMasksEveryMessageOfTheChain(ExceptionTextTest.java:")
        .contains("\nCaused by: java.sql.SQLException: Duplicate entry ?\n\tat ").contains(" more\n")
        .doesNotContain("SECRET");
  }

  @Test
  void logsMaskOnlyExceptionsThatCarryData() {
    IOException io = new IOException("connect to collector.example:4318 failed");
    assertThat(ExceptionText.carriesData(io)).isFalse();
    assertThat(ExceptionText.describe(io)).isEqualTo("java.io.IOException: connect to collector.example:4318 failed");
    assertThat(ExceptionText.stackTrace(io)).startsWith("java.io.IOException: connect to collector.example:4318 failed\n");

    RuntimeException wrapped = new RuntimeException("query 'SECRET' failed", new SQLException("near 'SECRET'"));
    assertThat(ExceptionText.carriesData(wrapped)).isTrue();
    assertThat(ExceptionText.describe(wrapped)).isEqualTo("java.lang.RuntimeException: query ? failed");
    assertThat(ExceptionText.stackTrace(wrapped)).doesNotContain("SECRET");
    assertThat(ExceptionText.message(new SQLException((String) null))).isNull();
  }

  @Test
  void anExceptionThatFailsToDescribeItselfIsReducedToItsType() {
    SQLException hostile = new SQLException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("no");
      }

      @Override
      public synchronized Throwable getCause() {
        return this; // a cycle
      }
    };
    Attributes event = ExceptionText.event(hostile, SqlDialect.STANDARD);
    assertThat(event.get(MESSAGE)).isEqualTo("?");
    assertThat(event.get(STACK_TRACE)).startsWith(hostile.getClass().getName() + ": ?\n");
  }
}
