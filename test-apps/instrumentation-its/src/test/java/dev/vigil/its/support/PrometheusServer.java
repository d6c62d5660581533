package dev.vigil.its.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Prometheus server (Debian package prometheus), scraping one target every second from a temporary directory,
 * optionally evaluating a rule file every second. Skips the test when it is not installed (fails under
 * VIGIL_REQUIRE_SERVICES=1); stopped, and its directory removed, on close.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path dir;
  private final Path log;
  private final String api;

  private PrometheusServer(Process process, Path dir, Path log, int port) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.api = "http://127.0.0.1:" + port + "/api/v1/";
  }

  /**
   * Starts scraping {@code target} (host:port) as job {@code job}; {@code ruleFile} may be null; {@code flags} are
   * passed on ({@code --enable-feature=native-histograms}).
   */
  public static PrometheusServer start(String job, String target, Path ruleFile, String... flags) throws IOException {
    Optional<Path> prometheus = ExternalTools.find("prometheus");
    ExternalTools.assume(prometheus.isPresent(), "the prometheus server is not installed (Debian package prometheus)");
    Path dir = Files.createTempDirectory("vigil-prometheus");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
        + "  evaluation_interval: 1s\n");
    if (ruleFile != null) {
      config.append("rule_files:\n  - '").append(ruleFile.toAbsolutePath()).append("'\n");
    }
    config.append("scrape_configs:\n  - job_name: ").append(job).append("\n    static_configs:\n      - targets: ['")
        .append(target).append("']\n");
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Path log = dir.resolve("prometheus.log");
    List<String> command = new ArrayList<>(List.of(prometheus.get().toString(), "--config.file=" + configFile,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port));
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new PrometheusServer(process, dir, log, port);
  }

  /** GET of an API path (e.g. {@code targets}), parsed. */
  public JsonNode get(String path) throws Exception {
    return JSON.readTree(Http.get(api + path).body());
  }

  /** The answer of an instant query: {@code status}, {@code data.result}, or {@code error}. */
  public JsonNode query(String promql) throws Exception {
    return get("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** The series an instant query returns; fails when Prometheus reports an error for it. */
  public JsonNode result(String promql) throws Exception {
    JsonNode answer = query(promql);
    if (!"success".equals(answer.path("status").asText())) {
      throw new AssertionError("prometheus refused " + promql + ": " + answer.path("error").asText());
    }
    return answer.path("data").path("result");
  }

  public interface Probe {
    JsonNode poll() throws Exception;
  }

  /** Polls until the probe gives an answer (Prometheus starts, then scrapes every second), for up to {@code timeout}. */
  public JsonNode await(Probe probe, Duration timeout, String agentOutput) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited (" + process.exitValue() + "):\n" + Files.readString(log));
      }
      try {
        JsonNode answer = probe.poll();
        if (answer != null) {
          return answer;
        }
      } catch (Exception e) {
        last = e; // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("prometheus never answered as expected (last error " + last + "); agent output:\n"
        + agentOutput + "\nprometheus log:\n" + Files.readString(log));
  }

  /** Waits until the one target has been scraped successfully; returns its entry of /api/v1/targets. */
  public JsonNode awaitTargetUp(String agentOutput) throws Exception {
    return await(() -> {
      JsonNode targets = get("targets").path("data").path("activeTargets");
      return targets.size() == 1 && targets.get(0).path("health").asText().equals("up") ? targets.get(0) : null;
    }, Duration.ofSeconds(90), agentOutput);
  }

  /** Every rule Prometheus loaded, as {@code /api/v1/rules} lists them (name, query, health, lastError, type). */
  public List<JsonNode> rules() throws Exception {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : get("rules").path("data").path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    return rules;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
