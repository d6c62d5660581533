package dev.vigil.its.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.Jmx;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Hostile-world case: every handler the advice calls throws ({@code vigil.test.fail_advice=true}, test only), on the
 * shop (JDK HttpServer, HikariCP over H2, Logback, a worker pool) and on Tomcat 10.1 with the servlet test app. Every
 * request of a script is answered exactly as the same application answers it without the agent, twice over, and the
 * agent says once per instrumentation and exception type that it failed.
 */
class FailingAdviceIT {
  private static final Pattern FAILED = Pattern.compile("\\[vigil] WARN instrumentation (\\S+) (\\S+) failed and was"
      + " skipped \\(the application is unaffected\\): (\\S+)");
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final String CART = "/app/api/carts/3fa85f64-5717-4562-b3fc-2c963f66afa6/items";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void theShopAndTomcatServeAsWithoutTheAgentWhenEveryAdviceThrows() throws Exception {
    Result shop = run("shop", () -> AgentJvm.builderForJar(PropagationFuzzIT.shopJar()).sysProp("shop.port", "0"),
        List.of("GET /products", "GET /products/1", "GET /products/2", "GET /products/99999", "POST /orders",
            "POST /orders", "GET /orders/1", "GET /orders/2", "GET /orders/777", "GET /error", "GET /cpu?n=2000",
            "GET /nowhere/1", "DELETE /products"),
        List.of("jdk-httpserver", "jdbc", "hikaricp", "executors", "logback"));
    Result tomcat = run("tomcat", () -> AgentJvm.builder("org.example.servers.tomcat10.TomcatJakartaApp")
            .classpath(TestApps.classpath("servers/tomcat10")),
        List.of("GET /app/hello", "GET /app/api/orders/1000", "POST " + CART, "GET /app/reports/7/view.do",
            "GET /app/missing/0", "GET /app/secure/data", "GET /app/secure/data token", "GET /app/boom",
            "GET /app/forward", "GET /app/async"),
        List.of("servlet-jakarta", "tomcat-executor"));
    HostileReport.print("every advice throws (vigil.test.fail_advice)",
        (shop.requests + tomcat.requests) + " requests on the shop and Tomcat 10.1, answered as without the agent",
        (shop.faults + tomcat.faults) + " advice exceptions of " + (shop.kinds + tomcat.kinds)
            + " kinds, each logged once",
        (shop.requests + tomcat.requests) + " scripted requests, twice each", "the failing instrumentations' telemetry"
            + " (by design)");
  }

  private static final class Result {
    int requests;
    long faults;
    int kinds;
  }

  private interface Start {
    AgentJvm.Builder builder() throws Exception;
  }

  private static Result run(String app, Start start, List<String> script, List<String> mustFail) throws Exception {
    List<String> plain;
    List<String> plainAgain;
    try (AgentJvm jvm = start.builder().withoutAgent().start()) {
      int port = jvm.awaitReady();
      plain = answers(port, script);
      plainAgain = answers(port, script);
    }
    int jmxPort = Jmx.freePort();
    AgentJvm.Builder withAgent = start.builder().sysProp("vigil.test.fail_advice", "true")
        .sysProp("vigil.jmx.delay", "0s");
    Jmx.jvmOptions(jmxPort).forEach(withAgent::jvmArg);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm jvm = withAgent.env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint()).start()) {
      int port = jvm.awaitReady();
      List<String> first = answers(port, script);
      List<String> second = answers(port, script);
      assertThat(first).as("%s: answers with every advice failing, against without the agent", app)
          .isEqualTo(plain);
      assertThat(second).as("%s: the same script again", app).isEqualTo(plainAgain);

      Map<String, Long> failures = failures(jvm.output());
      assertThat(failures).as("%s: one line per instrumentation and exception type:%n%s", app, jvm.output())
          .allSatisfy((kind, lines) -> assertThat(lines).as(kind).isEqualTo(1));
      assertThat(failures.keySet().stream().map(k -> k.split(" ")[0]).collect(Collectors.toSet()))
          .as("%s: instrumentations that said they failed", app).containsAll(mustFail);
      assertThat(jvm.output()).as(app).doesNotContain("[vigil] ERROR");
      Result r = new Result();
      r.requests = script.size();
      r.kinds = failures.size();
      try (Jmx jmx = Jmx.connect(jmxPort, WAIT)) {
        r.faults = (Long) jmx.get(jmx.await("dev.vigil:type=Agent", WAIT), "AdviceErrors");
      }
      assertThat(r.faults).as("%s: advice exceptions counted", app).isGreaterThanOrEqualTo(2L * script.size());
      return r;
    }
  }

  /** "instrumentation advice-class exception" to the number of lines that say it failed. */
  private static Map<String, Long> failures(String output) {
    Map<String, Long> out = new TreeMap<>();
    for (String line : output.split("\n")) {
      Matcher m = FAILED.matcher(line);
      if (m.find()) {
        out.merge(m.group(1) + " " + m.group(2) + " " + m.group(3), 1L, Long::sum);
      }
    }
    return out;
  }

  /** "status body" per request; order timestamps, which differ from run to run, are blanked. */
  private static List<String> answers(int port, List<String> script) throws Exception {
    Function<String, String> blank = b -> b.replaceAll("\"created_at\":\"[^\"]*\"", "\"created_at\":\"-\"");
    List<String> out = new ArrayList<>();
    for (String step : script) {
      String[] parts = step.split(" ");
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + parts[1]))
          .timeout(Duration.ofSeconds(60));
      if (parts[0].equals("POST")) {
        b.POST(HttpRequest.BodyPublishers.ofString("{\"product_id\": 2, \"quantity\": 3}"))
            .header("Content-Type", "application/json");
      } else {
        b.method(parts[0], HttpRequest.BodyPublishers.noBody());
      }
      if (parts.length > 2) {
        b.header("X-Token", "let-me-in");
      }
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      out.add(r.statusCode() + " " + blank.apply(r.body()));
    }
    return out;
  }
}
