package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A corpus: input, dialect, expected sanitized text, operation and table. */
class SqlSanitizerTest {
  private static SqlInfo s(String sql, SqlDialect dialect) {
    return SqlSanitizer.sanitize(sql, dialect, 1024);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
    "SELECT * FROM users WHERE id = 42 | STANDARD | SELECT * FROM users WHERE id = ? | SELECT | users",
    "select name from app.users u where u.name = 'bob' | STANDARD | select name from app.users u where u.name = ? | SELECT | app.users",
    "SELECT a FROM t WHERE x = 'it''s' AND y = 1.5e-3 | STANDARD | SELECT a FROM t WHERE x = ? AND y = ? | SELECT | t",
    "SELECT a FROM t WHERE x = 'a\\' OR 1=1 | STANDARD | SELECT a FROM t WHERE x = ? OR ?=? | SELECT | t",
    "SELECT a FROM t WHERE x = 'a\\' OR 1=1' | MYSQL | SELECT a FROM t WHERE x = ? | SELECT | t",
    "SELECT a FROM t WHERE x = \"secret\" | MYSQL | SELECT a FROM t WHERE x = ? | SELECT | t",
    "SELECT \"a\" FROM \"Big Table\" WHERE x = ? | STANDARD | SELECT \"a\" FROM \"Big Table\" WHERE x = ? | SELECT | Big Table",
    "SELECT `a` FROM `db`.`t` WHERE x=0x1F | MYSQL | SELECT `a` FROM `db`.`t` WHERE x=? | SELECT | db.t",
    "SELECT [a] FROM [dbo].[t] WHERE x = N'abc' | SQLSERVER | SELECT [a] FROM [dbo].[t] WHERE x = ? | SELECT | dbo.t",
    "SELECT $$secret$$, $tag$a $$ b$tag$ FROM t WHERE a = $1 | POSTGRESQL | SELECT ?, ? FROM t WHERE a = $1 | SELECT | t",
    "SELECT E'a\\'b', U&'d\\0061t' FROM t | POSTGRESQL | SELECT ?, ? FROM t | SELECT | t",
    "SELECT X'DEADBEEF', B'0101', 0b11 FROM t | STANDARD | SELECT ?, ?, ? FROM t | SELECT | t",
    "SELECT q'[it's]' FROM dual | ORACLE | SELECT ? FROM dual | SELECT | dual",
    "SELECT a -- the id 42\\nFROM t /* note 'x' */ WHERE b = 2 | STANDARD | SELECT a FROM t WHERE b = ? | SELECT | t",
    "SELECT 1 /* a /* nested 7 */ still 8 */ FROM t | POSTGRESQL | SELECT ? FROM t | SELECT | t",
    "SELECT 1 # comment 9\\nFROM t | MYSQL | SELECT ? FROM t | SELECT | t",
    "SELECT * FROM t WHERE id IN (1, 2, 3) AND b IN (?, ?) | STANDARD | SELECT * FROM t WHERE id IN (?) AND b IN (?) | SELECT | t",
    "SELECT * FROM t WHERE id NOT IN(-1,+2) | STANDARD | SELECT * FROM t WHERE id NOT IN(?) | SELECT | t",
    "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = 3) | STANDARD | SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = ?) | SELECT | t",
    "SELECT * FROM t WHERE id IN (1, col) | STANDARD | SELECT * FROM t WHERE id IN (?,col) | SELECT | t",
    "INSERT INTO orders (id, note) VALUES (?, 'x'), (7, 'y') | STANDARD | INSERT INTO orders (id, note) VALUES (?, ?), (?, ?) | INSERT | orders",
    "insert ignore into s.t values (1) | MYSQL | insert ignore into s.t values (?) | INSERT | s.t",
    "UPDATE accounts SET balance = balance - 10.5 WHERE id = 3 | STANDARD | UPDATE accounts SET balance = balance - ? WHERE id = ? | UPDATE | accounts",
    "DELETE FROM sessions WHERE expires < 1700000000 | STANDARD | DELETE FROM sessions WHERE expires < ? | DELETE | sessions",
    "MERGE INTO stock s USING x ON (s.id = x.id) | STANDARD | MERGE INTO stock s USING x ON (s.id = x.id) | MERGE | stock",
    "WITH recent AS (SELECT * FROM o WHERE d > 5) SELECT count(*) FROM recent | STANDARD | WITH recent AS (SELECT * FROM o WHERE d > ?) SELECT count(*) FROM recent | SELECT | recent",
    "SELECT a, (SELECT max(b) FROM inner_t) FROM outer_t | STANDARD | SELECT a, (SELECT max(b) FROM inner_t) FROM outer_t | SELECT | outer_t",
    "SELECT * FROM (SELECT 1) x | STANDARD | SELECT * FROM (SELECT ?) x | SELECT | ",
    "CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(40)) | STANDARD | CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(?)) | CREATE | items",
    "DROP TABLE items | STANDARD | DROP TABLE items | DROP | items",
    "TRUNCATE items | STANDARD | TRUNCATE items | TRUNCATE | items",
    "CREATE INDEX i ON t(a) | STANDARD | CREATE INDEX i ON t(a) | CREATE | ",
    "{call refresh_totals(?, 5)} | STANDARD | {call refresh_totals(?, ?)} | CALL | ",
    "{? = call f(?)} | STANDARD | {? = call f(?)} | CALL | ",
    "CREATE USER bob PASSWORD 'hunter2' | STANDARD | CREATE USER bob PASSWORD ? | CREATE | ",
    "CREATE USER scott IDENTIFIED BY tiger | ORACLE | CREATE USER scott IDENTIFIED BY ? | CREATE | ",
    "ALTER USER scott IDENTIFIED BY \"tiger\" REPLACE lion | ORACLE | ALTER USER scott IDENTIFIED BY ? REPLACE ? | ALTER | ",
    "CREATE LOGIN app WITH PASSWORD = 'pw' | SQLSERVER | CREATE LOGIN app WITH PASSWORD = ? | CREATE | ",
    "ALTER ROLE app WITH PASSWORD md5abc | POSTGRESQL | ALTER ROLE app WITH PASSWORD ? | ALTER | ",
    "SELECT password FROM users WHERE id = 1 | STANDARD | SELECT password FROM users WHERE id = ? | SELECT | users",
    "SELECT a FROM v$session | ORACLE | SELECT a FROM v$session | SELECT | v$session",
    "SELECT 'unterminated FROM t | STANDARD | SELECT ? | SELECT | ",
    "SELECT a FROM t /* unterminated 'x' | STANDARD | SELECT a FROM t | SELECT | t",
    "SELECT _utf8mb4'abc' FROM t | MYSQL | SELECT ? FROM t | SELECT | t",
    "SELECT a FROM t WHERE x = 'C:\\' AND y = 'secret' | POSTGRESQL | SELECT a FROM t WHERE x = ? | SELECT | t",
    "SELECT a FROM t WHERE x = \"secret\" AND y = 'v' | UNKNOWN | SELECT a FROM t WHERE x = ? AND y = ? | SELECT | t",
    "SELECT `a` FROM `t` WHERE x = 'it\\'s secret' AND y = 1 | UNKNOWN | SELECT `a` FROM `t` WHERE x = ? | SELECT | t",
    "SELECT a FROM t WHERE x = 'C:\\' AND y = 'secret' | UNKNOWN | SELECT a FROM t WHERE x = ? | SELECT | t",
    "SELECT a FROM t WHERE x = 'a\\b' AND y = \"c\"\"d\" | UNKNOWN | SELECT a FROM t WHERE x = ? AND y = ? | SELECT | t",
    "SELECT * FROM \"users\" # note 5\\nWHERE id = $$x$$ OR q = q'[it's]' | UNKNOWN | SELECT * FROM ? WHERE id = ? OR q = ? | SELECT | ",
    "  | STANDARD |  |  | ",
  })
  void sanitizes(String sql, SqlDialect dialect, String expected, String operation, String table) {
    SqlInfo info = s(sql == null ? "" : sql.replace("\\n", "\n"), dialect);
    assertThat(info.text).isEqualTo(expected == null ? "" : expected);
    assertThat(info.operation).isEqualTo(operation);
    assertThat(info.collection).isEqualTo(table);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"20", "64", "1024"})
  void capsTheLength(int max) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < 5000; i++) {
      sql.append("column_").append(i).append(", ");
    }
    SqlInfo info = SqlSanitizer.sanitize(sql.append("x FROM t").toString(), SqlDialect.STANDARD, max);
    assertThat(info.text).hasSize(max).startsWith("SELECT column_");
    assertThat(info.operation).isEqualTo("SELECT");
  }

  @org.junit.jupiter.api.Test
  void collapsesAHugeInListWithinTheCap() {
    StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE id IN (");
    for (int i = 0; i < 100_000; i++) {
      sql.append(i).append(i < 99_999 ? ", " : ")");
    }
    assertThat(SqlSanitizer.sanitize(sql.toString(), SqlDialect.STANDARD, 64).text)
        .isEqualTo("SELECT * FROM t WHERE id IN (?)");
  }

  @org.junit.jupiter.api.Test
  void readsAtMostMaxScanCharacters() {
    String sql = "SELECT a FROM t WHERE b = '" + "x".repeat(SqlSanitizer.MAX_SCAN * 2) + "' AND c = 1";
    SqlInfo info = SqlSanitizer.sanitize(sql, SqlDialect.STANDARD, 1024);
    assertThat(info.text).isEqualTo("SELECT a FROM t WHERE b = ?");
    assertThat(info.collection).isEqualTo("t");
  }
}
