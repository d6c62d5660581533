package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.apps.FirstUseLogManager;
import dev.vigil.its.apps.LateLoggingApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.OtlpReceiver;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * App servers install their own java.util.logging LogManager from main; if an agent thread touched JUL first, the JDK's
 * default one would win. With traces, OTLP logs and JMX all on, the LogManager must still be started by the app.
 */
class JulStartupIT {
  @Test
  void theApplicationStartsTheLogManagerNotTheAgent() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AgentJvm app = AgentJvm.builder(LateLoggingApp.class)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
            .env("OTEL_LOGS_EXPORTER", "otlp")
            .sysProp("java.util.logging.manager", FirstUseLogManager.class.getName())
            .sysProp("vigil.jmx.delay", "1s")
            .start()) {
      app.awaitReady();
      assertThat(app.scrape()).contains("vigil_exporter_spans_ended_total");
      // the agent reached the MBeans' registration and waits for the application's LogManager
      app.awaitLine(l -> l.contains("JMX MBeans wait until the application starts java.util.logging"),
          AgentJvm.PATIENCE);
      try (OutputStream stdin = app.process().getOutputStream()) {
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
      app.awaitLine(l -> l.equals("DONE"), AgentJvm.PATIENCE);
      assertThat(app.output()).contains("LOGMANAGER main").doesNotContain("LOGMANAGER vigil");
      // and the MBeans still arrive, once the application's LogManager is in place
      app.awaitLine(l -> l.contains("JMX MBeans registered"), AgentJvm.PATIENCE);
    }
  }
}
