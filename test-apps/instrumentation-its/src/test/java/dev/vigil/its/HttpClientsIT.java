package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outbound HTTP through HttpURLConnection, java.net.http (send, sendAsync), Apache HttpClient 5 and 4, and OkHttp
 * (execute, enqueue; 5.x and 4.12) with the real agent jar: per library, exactly its requests in
 * {@code http_client_request_duration_seconds} by status, the connection refused as an error, no user-info or query
 * anywhere on /metrics, the application's results unchanged, and no trace header added while tracing is off.
 */
class HttpClientsIT {
  static final String DURATION = "http_client_request_duration_seconds_count";
  static final String[] SECRETS = {"s3cret", "alice", "pw123", "token"};
  static final int REPEAT = 3;
  /** What each client throws when the connection is refused (error.type). */
  static final Map<String, String> REFUSED = Map.of("urlconnection", "java.net.ConnectException",
      "jdk", "java.net.ConnectException", "jdk-async", "java.net.ConnectException",
      "apache5", "org.apache.hc.client5.http.HttpHostConnectException",
      "apache5-async", "org.apache.hc.client5.http.HttpHostConnectException",
      "apache4", "org.apache.http.conn.HttpHostConnectException", "okhttp", "java.net.ConnectException",
      "okhttp-async", "java.net.ConnectException");

  @ParameterizedTest
  @MethodSource("dev.vigil.its.support.Jdks#all")
  void everyClientRecordsItsRequestsOnce(String javaHome) throws Exception {
    check(javaHome, "http-clients",
        List.of("urlconnection", "jdk", "jdk-async", "apache5", "apache5-async", "apache4", "okhttp",
            "okhttp-async"));
  }

  @Test
  void okHttp4() throws Exception {
    check(System.getProperty("java.home"), "http-clients-okhttp4", List.of("okhttp", "okhttp-async"));
  }

  private static void check(String javaHome, String module, List<String> clients) throws Exception {
    try (AgentJvm app = start(javaHome, module).start()) {
      String control = "http://127.0.0.1:" + app.awaitReady();
      double ok = 0;
      double missing = 0;
      double refused = 0;
      for (String client : clients) {
        String out = run(control, client);
        assertThat(out).as(client + ": the application's own results").contains(
            ("RESULT " + client + " 200\n").repeat(REPEAT) + "RESULT " + client + " 404\nRESULT " + client + " ");
        assertThat(out).as(client + ": no trace header while tracing is off")
            .contains("SEEN /hello/" + client + " traceparent=- baggage=-").doesNotContain("traceparent=0");
        double wantOk = ok + REPEAT;
        double wantMissing = missing + 1;
        double wantRefused = refused + 1;
        Scrape s = app.awaitScrape(x -> x.sum(DURATION, "http_response_status_code", "200") >= wantOk
            && x.sum(DURATION, "http_response_status_code", "404") >= wantMissing
            && x.sum(DURATION) - x.sum(DURATION, "http_response_status_code", "200")
                - x.sum(DURATION, "http_response_status_code", "404") >= wantRefused);
        assertThat(s.sum(DURATION, "http_response_status_code", "200", "http_request_method", "GET",
            "server_address", "127.0.0.1")).as(client + ": 200s, once each").isEqualTo(wantOk);
        assertThat(s.sum(DURATION, "http_response_status_code", "404", "error_type", "404"))
            .as(client + ": the 404, an error by its status").isEqualTo(wantMissing);
        assertThat(s.sum(DURATION) - s.sum(DURATION, "http_response_status_code", "200")
            - s.sum(DURATION, "http_response_status_code", "404")).as(client + ": the refused connection, once")
            .isEqualTo(wantRefused);
        assertThat(s.find(DURATION, "error_type", REFUSED.get(client)))
            .as(client + ": refused as " + REFUSED.get(client)).isNotEmpty();
        ok = wantOk;
        missing = wantMissing;
        refused = wantRefused;
      }
      String metrics = app.scrape();
      for (String secret : SECRETS) {
        assertThat(metrics).as("no user-info or query on /metrics").doesNotContain(secret);
      }
      assertThat(new Scrape(metrics).sum("vigil_metric_series_folded_total", "metric", "http.client.request.duration"))
          .isZero();
      assertThat(app.output()).doesNotContain("[vigil] WARN").doesNotContain("[vigil] ERROR");
    }
  }

  static AgentJvm.Builder start(String javaHome, String module) {
    return AgentJvm.builder("org.example.clients.ClientsApp").classpath(TestApps.classpath(module))
        .javaHome(javaHome).arg("script");
  }

  static String run(String control, String client) {
    return Http.get(control + "/run?repeat=" + REPEAT + "&clients=" + client).body();
  }
}
