package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.OtlpReceiver;
import dev.vigil.its.support.ReceivedSpan;
import dev.vigil.its.support.Scrape;
import dev.vigil.its.support.TestApps;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A servlet that throws, on each container: every line logged for that request, the container's own error line
 * (written after the servlet returned, before the error page runs) included, carries the trace id and span id of the
 * SERVER span the OTLP receiver got; that span still records the exception; and the requests after it start traces of
 * their own (nothing of the failed request stays current on a worker thread). The servers log through
 * java.util.logging with the agent's TraceFormatter (Jetty 10 and 12 through SLF4J's JUL binding, Jetty 9.4 through its
 * JavaUtilLog).
 */
class ContainerErrorLogIT {
  private static final Pattern JUL = Pattern.compile("^JUL trace_id=(\\S*) span_id=(\\S*) (.*)$");

  static Stream<Arguments> servers() {
    return Stream.of(
        Arguments.of("jetty9", "org.example.servers.jetty9.Jetty9App", "org.eclipse.jetty.server.HttpChannel - /app/boom"),
        Arguments.of("jetty10", "org.example.servers.jetty10.Jetty10App", "org.eclipse.jetty.server.HttpChannel - /app/boom"),
        Arguments.of("jetty12", "org.example.servers.jetty12.Jetty12App",
            "org.eclipse.jetty.ee10.servlet.ServletChannel - /app/boom"),
        Arguments.of("tomcat9", "org.example.servers.tomcat9.Tomcat9App", "Servlet.service() for servlet [boom]"),
        Arguments.of("tomcat10", "org.example.servers.tomcat10.TomcatJakartaApp", "Servlet.service() for servlet [boom]"),
        Arguments.of("tomcat11", "org.example.servers.tomcat10.TomcatJakartaApp", "Servlet.service() for servlet [boom]"),
        Arguments.of("undertow", "org.example.servers.undertow.UndertowApp",
            "UT005023: Exception handling request to /app/boom"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void everyLineOfAFailedRequestCarriesItsIds(String server, String mainClass, String containerLine) throws Exception {
    Path logging = Files.createTempFile("vigil-jul", ".properties");
    Files.writeString(logging, String.join("\n",
        "handlers = java.util.logging.ConsoleHandler",
        ".level = INFO",
        "java.util.logging.ConsoleHandler.level = ALL",
        "java.util.logging.ConsoleHandler.formatter = dev.vigil.jul.TraceFormatter",
        "dev.vigil.jul.TraceFormatter.format = JUL trace_id=%7$s span_id=%8$s %4$s %3$s - %5$s%n", ""));
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(mainClass).classpath(TestApps.classpath("servers/" + server))
            .sysProp("java.util.logging.config.file", logging.toString())
            .sysProp("org.eclipse.jetty.util.log.class", "org.eclipse.jetty.util.log.JavaUtilLog")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .start()) {
      String base = "http://127.0.0.1:" + app.awaitReady() + "/app";
      String traceId = newId(32);
      assertThat(Http.get(base + "/boom", "traceparent", "00-" + traceId + "-" + newId(16) + "-01").statusCode())
          .isEqualTo(500);
      int after = 5;
      for (int i = 0; i < after; i++) {
        assertThat(Http.get(base + "/hello").statusCode()).isEqualTo(200);
      }
      List<ReceivedSpan> spans = receiver.await(s -> s.stream().filter(span -> span.kind == SpanKind.SPAN_KIND_SERVER)
          .count() >= 1 + after, AgentJvm.PATIENCE);
      ReceivedSpan boom = spans.stream().filter(s -> s.traceId.equals(traceId) && s.kind == SpanKind.SPAN_KIND_SERVER)
          .findFirst().orElseThrow(() -> new AssertionError("no server span of " + traceId + " in " + spans));
      assertThat(boom.status).isEqualTo(StatusCode.STATUS_CODE_ERROR);
      assertThat(boom.attributes).containsEntry("http.response.status_code", "500");
      assertThat(boom.events).as("the span records the app's exception")
          .anyMatch(e -> e.name.equals("exception")
              && "java.lang.IllegalStateException".equals(e.attributes.get("exception.type")));
      assertThat(spans.stream().filter(s -> s.kind == SpanKind.SPAN_KIND_SERVER && !s.traceId.equals(traceId)))
          .as("the requests after it start their own traces: nothing of it stayed current").hasSize(after)
          .allMatch(s -> s.parentSpanId.isEmpty());

      app.awaitLine(l -> l.startsWith("JUL ") && l.endsWith("error page: boom from the app"), AgentJvm.PATIENCE);
      List<String> jul = app.output().lines().filter(l -> l.startsWith("JUL ")).collect(Collectors.toList());
      int first = indexOf(jul, "boom: the app is about to throw");
      int last = indexOf(jul, "error page: boom from the app");
      assertThat(first).as("the app's line before it throws: " + jul).isGreaterThan(0);
      assertThat(jul.subList(0, first)).as("start-up lines, outside any request").isNotEmpty()
          .allMatch(l -> l.startsWith("JUL trace_id= span_id= "));
      List<String> request = jul.subList(first, last + 1);
      assertThat(request).as("the container's error line is among the request's lines")
          .anyMatch(l -> l.contains(containerLine));
      for (String line : request) {
        Matcher m = JUL.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group(1)).as(line).isEqualTo(traceId);
        assertThat(m.group(2)).as(line).isEqualTo(boom.spanId);
      }

      Scrape scrape = app.awaitScrape(s -> s.sum("http_server_request_duration_seconds_count") >= 1 + after);
      assertThat(scrape.sum("http_server_request_duration_seconds_count", "http_route", "/app/boom"))
          .as("the failed request is counted once, its error-page dispatch not").isEqualTo(1);
      assertThat(scrape.sum("http_server_request_duration_seconds_count")).isEqualTo(1 + after);
    } finally {
      Files.deleteIfExists(logging);
    }
  }

  /**
   * Spring Boot on its embedded Tomcat, as Spring PetClinic's {@code /oups}: Tomcat's line for the dispatcher servlet
   * goes through JUL into Logback (Boot bridges them), whose pattern prints the MDC the agent fills.
   */
  @Test
  void springBootTomcatLineForTheDispatcherServletCarriesTheIds() throws Exception {
    String jar = TestApps.file("spring-shop", "target/spring-shop.jar").toString();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder("org.springframework.boot.loader.launch.JarLauncher").classpath(jar)
            .sysProp("logging.pattern.console", "LOGBACK trace_id=%X{trace_id} span_id=%X{span_id} %level %logger - %m%n")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .start()) {
      String base = "http://127.0.0.1:" + app.awaitReady();
      String traceId = newId(32);
      assertThat(Http.get(base + "/owners/9/boom", "traceparent", "00-" + traceId + "-" + newId(16) + "-01")
          .statusCode()).isEqualTo(500);
      ReceivedSpan boom = receiver.await(s -> s.stream().anyMatch(span -> span.traceId.equals(traceId)
          && span.kind == SpanKind.SPAN_KIND_SERVER), AgentJvm.PATIENCE).stream()
          .filter(s -> s.traceId.equals(traceId) && s.kind == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
      String line = app.awaitLine(l -> l.startsWith("LOGBACK ")
          && l.contains("Servlet.service() for servlet [dispatcherServlet]"), AgentJvm.PATIENCE);
      assertThat(line).startsWith("LOGBACK trace_id=" + traceId + " span_id=" + boom.spanId + " ERROR ");
    }
  }

  private static int indexOf(List<String> lines, String suffix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith(suffix)) {
        return i;
      }
    }
    return -1;
  }

  private static String newId(int hexDigits) {
    StringBuilder b = new StringBuilder(hexDigits);
    while (b.length() < hexDigits) {
      b.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
    }
    return b.substring(0, hexDigits);
  }
}
