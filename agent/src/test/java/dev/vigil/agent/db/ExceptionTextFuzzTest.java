package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random statements with planted literals (see PlantedSql), quoted by drivers the ways they do, raw values printed
 * unescaped beside them: in every dialect, no planted literal and no digit (but H2's error code) reaches the event.
 */
class ExceptionTextFuzzTest {
  private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> STACK_TRACE = AttributeKey.stringKey("exception.stacktrace");
  private static final String H2_CODE = " [23505-232]";
  private static final int ROUNDS = 2_000;

  @Test
  void noPlantedLiteralLeavesThroughAnyMessageShapeInAnyDialect() {
    Random random = new Random(13);
    int tried = 0;
    for (SqlDialect dialect : SqlDialect.values()) {
      for (int n = 0; n < ROUNDS; n++) {
        String marker = PlantedSql.marker(random);
        String sql = PlantedSql.statement(random, dialect, marker);
        String literal = PlantedSql.literal(random, dialect, marker);
        String raw = marker + PlantedSql.tricky(random);
        for (String message : shapes(random, sql, literal, raw, marker)) {
          String masked = MessageMask.mask(message, dialect, ExceptionText.MAX_MESSAGE);
          assertThat(masked).as("%s: %s", dialect, message).doesNotContain(marker);
          assertThat(masked.replace(H2_CODE, "")).as("%s: %s", dialect, message).doesNotContainPattern("[0-9]");
          assertThat(masked.length()).isLessThanOrEqualTo(ExceptionText.MAX_MESSAGE);
          tried++;
        }
        if (n % 100 == 0) { // the event's message and the causes in its stack trace go through the same mask
          Attributes event = ExceptionText.event(new IllegalStateException(sql,
              new SQLException("Duplicate entry '" + raw + "' for key 'PRIMARY'")), dialect);
          assertThat(event.get(MESSAGE) + event.get(STACK_TRACE)).doesNotContain(marker);
        }
      }
    }
    assertThat(tried).isEqualTo(SqlDialect.values().length * ROUNDS * 12);
  }

  /** How drivers quote a statement ({@code sql}), a value as a SQL literal ({@code literal}) or raw ({@code raw}). */
  private static String[] shapes(Random random, String sql, String literal, String raw, String marker) {
    int at = sql.indexOf(marker);
    String near = sql.substring(at <= 0 ? 0 : random.nextInt(at)); // MySQL: from the failing token on
    return new String[] {
      "Unique index or primary key violation: \"PUBLIC.PK ON PUBLIC.T(ID) VALUES ( /* key:1 */ " + literal
          + " )\"; SQL statement:\n" + sql + H2_CODE,
      "Data conversion error converting \"" + literal + "\"; SQL statement:\n" + sql + H2_CODE,
      "(conn=8) Duplicate entry '" + raw + "' for key 'PRIMARY'",
      "(conn=8) You have an error in your SQL syntax; check the manual for the right syntax to use near '" + near
          + "' at line 1",
      "(conn=8) Duplicate entry '" + raw + "' for key 'PRIMARY'\nQuery is: " + sql,
      "ERROR: duplicate key value violates unique constraint \"t_pkey\"\n  Detail: Key (id)=(" + raw
          + ") already exists.",
      "ERROR: null value in column \"name\" violates not-null constraint\n  Detail: Failing row contains (7, " + raw
          + ", null).",
      "Batch entry 3 " + sql + " was aborted: ERROR: duplicate key value violates unique constraint \"t_pkey\"\n"
          + "  Detail: Key (id)=(" + raw + ") already exists.  Call getNextException to see other errors in the batch.",
      "ERROR: invalid input syntax for type integer: \"" + raw + "\"\n  Position: 42",
      "unique constraint or index violation; SYS_PK table: T in statement [" + sql + "]",
      "Violation of PRIMARY KEY constraint 'PK_t'. The duplicate key value is (" + raw + ").",
      "ERR unknown command '" + raw + "', with args beginning with: '" + raw + "' `" + raw + "` " + random.nextInt(),
    };
  }
}
