package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated statements (templates and random token runs) with literals written the way each dialect quotes them (any
 * database's way for UNKNOWN): no literal content and no digit may reach the output. Random text: no exception,
 * bounded length.
 */
class SqlSanitizerFuzzTest {
  @Test
  void noLiteralLeaksInAnyDialect() {
    Random random = new Random(42);
    for (SqlDialect dialect : SqlDialect.values()) {
      for (int n = 0; n < 20_000; n++) {
        String marker = PlantedSql.marker(random);
        String sql = PlantedSql.statement(random, dialect, marker);
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
}
