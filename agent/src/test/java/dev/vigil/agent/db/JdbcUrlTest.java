package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL, db.system.name, db.namespace, server.address, server.port, and the dialect its statements are read in. */
class JdbcUrlTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=s3cret | postgresql | test | 127.0.0.1 | 5432 | POSTGRESQL",
    "jdbc:postgresql://db.example/orders | postgresql | orders | db.example | 5432 | POSTGRESQL",
    "jdbc:postgresql://h1:5433,h2:5434/app | postgresql | app | h1 | 5433 | POSTGRESQL",
    "jdbc:mariadb://root:p/w@127.0.0.1:3306/test | mariadb | test | 127.0.0.1 | 3306 | MYSQL",
    "jdbc:mysql://[::1]:3307/shop | mysql | shop | ::1 | 3307 | MYSQL",
    "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1 | h2database | shop | | -1 | STANDARD",
    "jdbc:h2:~/data/app | h2database | app | | -1 | STANDARD",
    "jdbc:h2:tcp://dbhost:9093/~/sales | h2database | sales | dbhost | 9093 | STANDARD",
    "jdbc:sqlserver://sql1:1444;databaseName=crm;password=x | microsoft.sql_server | crm | sql1 | 1444 | SQLSERVER",
    "jdbc:oracle:thin:scott/ti@ger@ora1:1522:ORCL | oracle.db | ORCL | ora1 | 1522 | ORACLE",
    "jdbc:oracle:thin:@//ora2/svc | oracle.db | svc | ora2 | 1521 | ORACLE",
    "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=ora3)(PORT=1600))(CONNECT_DATA=(SERVICE_NAME=s3))) | oracle.db | s3 | ora3 | 1600 | ORACLE",
    "jdbc:hsqldb:mem:t | hsqldb | t | | -1 | STANDARD",
    // wrapping drivers name the real database next
    "jdbc:p6spy:mysql://db1:3307/shop?password=s3cret | mysql | shop | db1 | 3307 | MYSQL",
    "jdbc:tc:postgresql:15.4:///orders | postgresql | orders | | -1 | POSTGRESQL",
    "jdbc:tc:mysql:8.0.36://somehost/shop | mysql | shop | somehost | 3306 | MYSQL",
    "jdbc:aws-wrapper:postgresql://pg.example:5433/app | postgresql | app | pg.example | 5433 | POSTGRESQL",
    "jdbc:otel:mariadb://127.0.0.1/test | mariadb | test | 127.0.0.1 | 3306 | MYSQL",
    "jdbc:log4jdbc:mysql://m1/crm | mysql | crm | m1 | 3306 | MYSQL",
    "jdbc:tracing:otel:h2:mem:x | h2database | x | | -1 | STANDARD",
    "jdbc-secretsmanager:mysql://m2:3306/app | mysql | app | m2 | 3306 | MYSQL",
    "jdbc:mysql:loadbalance://h1:3310,h2/lb | mysql | lb | h1 | 3310 | MYSQL",
    "jdbc:jtds:sqlserver://sq:1434/crm;user=x | microsoft.sql_server | crm | sq | 1434 | SQLSERVER",
    // unknown databases: every quoting form masks
    "jdbc:sqlite:/var/data/app.db | sqlite | app.db | | -1 | UNKNOWN",
    "jdbc:p6spy:sqlite:app.db | sqlite | app.db | | -1 | UNKNOWN",
    "jdbc:snowflake://acct.snowflakecomputing.com | other_sql | | | -1 | UNKNOWN",
    "jdbc:p6spy:unknowndb://x | other_sql | | | -1 | UNKNOWN",
    "jdbc:unknown:whatever | other_sql | | | -1 | UNKNOWN",
    "not a url | other_sql | | | -1 | UNKNOWN",
  })
  void parses(String url, String system, String namespace, String host, int port, SqlDialect dialect) {
    DbInfo info = JdbcUrl.parse(url);
    assertThat(info.system).isEqualTo(system);
    assertThat(info.namespace).isEqualTo(namespace);
    assertThat(info.serverAddress).isEqualTo(host);
    assertThat(info.serverPort).isEqualTo(port);
    assertThat(info.dialect).isEqualTo(dialect);
    assertThat(info.toString()).doesNotContain("s3cret").doesNotContain("p/w").doesNotContain("ti@ger");
  }
}
