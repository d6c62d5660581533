package dev.vigil.agent.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=s3cret | postgresql | test | 127.0.0.1 | 5432",
    "jdbc:postgresql://db.example/orders | postgresql | orders | db.example | 5432",
    "jdbc:postgresql://h1:5433,h2:5434/app | postgresql | app | h1 | 5433",
    "jdbc:mariadb://root:p/w@127.0.0.1:3306/test | mariadb | test | 127.0.0.1 | 3306",
    "jdbc:mysql://[::1]:3307/shop | mysql | shop | ::1 | 3307",
    "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1 | h2database | shop | | -1",
    "jdbc:h2:~/data/app | h2database | app | | -1",
    "jdbc:h2:tcp://dbhost:9093/~/sales | h2database | sales | dbhost | 9093",
    "jdbc:sqlserver://sql1:1444;databaseName=crm;password=x | microsoft.sql_server | crm | sql1 | 1444",
    "jdbc:oracle:thin:scott/ti@ger@ora1:1522:ORCL | oracle.db | ORCL | ora1 | 1522",
    "jdbc:oracle:thin:@//ora2/svc | oracle.db | svc | ora2 | 1521",
    "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=ora3)(PORT=1600))(CONNECT_DATA=(SERVICE_NAME=s3))) | oracle.db | s3 | ora3 | 1600",
    "jdbc:unknown:whatever | other_sql | | | -1",
    "not a url | other_sql | | | -1",
  })
  void parses(String url, String system, String namespace, String host, int port) {
    DbInfo info = JdbcUrl.parse(url);
    assertThat(info.system).isEqualTo(system);
    assertThat(info.namespace).isEqualTo(namespace);
    assertThat(info.serverAddress).isEqualTo(host);
    assertThat(info.serverPort).isEqualTo(port);
    assertThat(info.toString()).doesNotContain("s3cret").doesNotContain("p/w").doesNotContain("ti@ger");
  }
}
