package dev.vigil.loadgen;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code report} command: reads what scripts/bench.sh left in a results folder and writes the summary as JSON and
 * Markdown. Every figure is the median over rounds; ratios are taken against the no-agent run of the same round.
 *
 * <p>Folder layout: {@code env.properties} (machine, versions, method, {@code configs}, {@code endpoints}),
 * {@code r<round>-<config>.properties} (rssKb, threads, otlpBytes, allocBytes, allocRequests),
 * {@code r<round>-<config>-nmt.txt} (NMT summary), {@code r<round>-<config>-startup.json} (the {@code startup}
 * command), {@code r<round>-<config>-spring.properties} (firstOkMs, rssKb) and
 * {@code r<round>-<config>-<endpoint>-closed.json} / {@code -open.json} (loadgen results).
 */
final class BenchReport {
  static final String[] PERCENTILES = {"p50", "p90", "p95", "p99", "p99.9", "max"};
  static final String BASELINE = "none";

  private final Path dir;
  private final Properties env;
  private final List<String> configs;
  private final List<String> endpoints;
  private final int rounds;
  private final ObjectMapper mapper = new ObjectMapper();

  BenchReport(Path dir) throws IOException {
    this.dir = dir;
    this.env = load(dir.resolve("env.properties"));
    this.configs = Arrays.asList(env.getProperty("configs").split(","));
    this.endpoints = Arrays.asList(env.getProperty("endpoints").split(","));
    this.rounds = Integer.parseInt(env.getProperty("rounds"));
  }

  static int run(Args a) throws IOException {
    BenchReport r = new BenchReport(Paths.get(a.require("dir")));
    List<ConfigResult> results = r.summarize();
    TargetTable targets = new TargetTable(results);
    try (OutputStream out = Files.newOutputStream(Paths.get(a.require("json")))) {
      r.writeJson(results, targets, out);
    }
    String table = targets.markdown(r.env);
    String markdown = table + "\n" + new BenchMarkdown(r.env, r.endpoints, r.rounds).results(results);
    String startup = new BenchMarkdown(r.env, r.endpoints, r.rounds).startup(results);
    if (a.get("markdown", null) != null) {
      Files.writeString(Paths.get(a.get("markdown", null)), markdown + "\n" + startup);
    }
    if (a.get("doc", null) != null) {
      Path doc = Paths.get(a.get("doc", null));
      String text = Files.exists(doc) ? Files.readString(doc) : "";
      text = BenchMarkdown.replaceBlock(text, "bench-results", markdown);
      text = BenchMarkdown.replaceBlock(text, "bench-startup", startup);
      Files.writeString(doc, text);
    }
    System.out.print(markdown.substring(table.length()));
    System.out.print(startup);
    System.out.print("\n" + table); // last, where the eye lands
    return 0;
  }

  /** Medians of one configuration. */
  static final class ConfigResult {
    String name;
    String label;
    String skipped;
    long jarBytes = -1;
    double startupMs = Double.NaN;
    double rssMb = Double.NaN;
    double threads = Double.NaN;
    double exportedBytesPerRequest = Double.NaN;
    final Map<String, EndpointResult> endpoints = new LinkedHashMap<>();
    /** Figures of each round by name (startupMs, rssMb, allocBytesPerRequest...); index 0 is round 1. */
    final Map<String, List<Double>> rounds = new LinkedHashMap<>();

    List<Double> rounds(String figure) {
      return rounds.computeIfAbsent(figure, k -> new ArrayList<>());
    }
  }


  static final class EndpointResult {
    String path;
    double maxThroughput = Double.NaN;
    double throughputRatio = Double.NaN;
    List<Double> throughputRatioRounds = new ArrayList<>();
    List<Double> cpuRounds = new ArrayList<>();
    double rate = Double.NaN;
    final Map<String, Double> latencyMs = new LinkedHashMap<>();
    double errorPercent = Double.NaN;
    double cpuMicrosPerRequest = Double.NaN;
    double cpuRatio = Double.NaN;
  }

  List<ConfigResult> summarize() throws IOException {
    List<ConfigResult> out = new ArrayList<>();
    for (String config : configs) {
      ConfigResult c = new ConfigResult();
      c.name = config;
      c.label = env.getProperty("config." + config + ".label", config);
      c.skipped = env.getProperty("config." + config + ".skip");
      c.jarBytes = Long.parseLong(env.getProperty("config." + config + ".jarBytes", "-1"));
      out.add(c);
      if (c.skipped != null) {
        continue;
      }
      List<Double> exported = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        String prefix = "r" + r + "-" + config;
        Properties p = load(dir.resolve(prefix + ".properties"));
        JsonNode startup = json(dir.resolve(prefix + "-startup.json"));
        Properties spring = load(dir.resolve(prefix + "-spring.properties"));
        double[] nmt = Nmt.committedKb(dir.resolve(prefix + "-nmt.txt"));
        c.rounds("startupMs").add(num(startup, "firstOkMs"));
        c.rounds("startupCpuMs").add(num(startup, "cpuMsAtFirstOk"));
        c.rounds("firstWindowThroughput").add(num(startup, "throughputInWindow"));
        c.rounds("uncounted").add(num(startup, "uncounted"));
        c.rounds("firstCountedMs").add(num(startup, "firstCountedMs"));
        c.rounds("rssMb").add(number(p, "rssKb") / 1024);
        c.rounds("threads").add(number(p, "threads"));
        c.rounds("nativeCommittedMb").add((nmt[0] - nmt[1]) / 1024);
        c.rounds("heapCommittedMb").add(nmt[1] / 1024);
        c.rounds("allocBytesPerRequest").add(number(p, "allocBytes") / number(p, "allocRequests"));
        c.rounds("springRssMb").add(number(spring, "rssKb") / 1024);
        c.rounds("springStartupMs").add(number(spring, "firstOkMs"));
        double sent = sentTotal(r, config);
        exported.add(sent > 0 ? number(p, "otlpBytes") / sent : Double.NaN);
      }
      c.startupMs = median(c.rounds("startupMs"));
      c.rssMb = median(c.rounds("rssMb"));
      c.threads = median(c.rounds("threads"));
      c.exportedBytesPerRequest = median(exported);
      for (String endpoint : endpoints) {
        c.endpoints.put(endpoint, endpoint(config, endpoint));
      }
    }
    return out;
  }

  private EndpointResult endpoint(String config, String endpoint) throws IOException {
    EndpointResult e = new EndpointResult();
    e.path = env.getProperty("endpoint." + endpoint + ".path", endpoint);
    List<Double> tput = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    List<Double> cpuRatio = new ArrayList<>();
    Map<String, List<Double>> lat = new LinkedHashMap<>();
    for (int r = 1; r <= rounds; r++) {
      JsonNode closed = read(r, config, endpoint, "closed");
      JsonNode open = read(r, config, endpoint, "open");
      JsonNode baseClosed = read(r, BASELINE, endpoint, "closed");
      JsonNode baseOpen = read(r, BASELINE, endpoint, "open");
      double t = num(closed.path("total"), "throughput");
      tput.add(t);
      ratio.add(t / num(baseClosed.path("total"), "throughput"));
      rate.add(num(open, "rate"));
      errors.add(num(open.path("total"), "errorPercent"));
      double c = num(open.path("cpu"), "microsPerRequest");
      cpu.add(c);
      e.cpuRounds.add(c);
      cpuRatio.add(c / num(baseOpen.path("cpu"), "microsPerRequest"));
      for (String p : PERCENTILES) {
        lat.computeIfAbsent(p, k -> new ArrayList<>()).add(num(open.path("total").path("latencyMs"), p));
      }
    }
    e.maxThroughput = median(tput);
    e.throughputRatio = median(ratio);
    e.throughputRatioRounds = ratio;
    e.rate = median(rate);
    e.errorPercent = median(errors);
    e.cpuMicrosPerRequest = median(cpu);
    e.cpuRatio = median(cpuRatio);
    lat.forEach((p, v) -> e.latencyMs.put(p, median(v)));
    return e;
  }

  /** Every request sent to one app run, warm-ups included: what its exporters had to report on. */
  private double sentTotal(int round, String config) throws IOException {
    double sent = 0;
    for (String endpoint : endpoints) {
      for (String mode : new String[] {"closed", "open"}) {
        sent += read(round, config, endpoint, mode).path("total").path("sent").asDouble(0);
      }
    }
    return sent;
  }

  private JsonNode read(int round, String config, String endpoint, String mode) throws IOException {
    return json(dir.resolve("r" + round + "-" + config + "-" + endpoint + "-" + mode + ".json"));
  }

  private JsonNode json(Path f) throws IOException {
    return Files.exists(f) ? mapper.readTree(f.toFile()) : mapper.createObjectNode();
  }

  void writeJson(List<ConfigResult> results, TargetTable targets, OutputStream out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("rounds", rounds);
      g.writeObjectFieldStart("environment");
      for (String key : new java.util.TreeSet<>(env.stringPropertyNames())) {
        if (!key.startsWith("config.") && !key.startsWith("endpoint.")) {
          g.writeStringField(key, env.getProperty(key));
        }
      }
      g.writeEndObject();
      targets.writeJson(g);
      g.writeArrayFieldStart("configs");
      for (ConfigResult c : results) {
        g.writeStartObject();
        g.writeStringField("name", c.name);
        g.writeStringField("label", c.label);
        g.writeStringField("status", c.skipped == null ? "measured" : c.skipped);
        if (c.jarBytes >= 0) {
          g.writeNumberField("jarBytes", c.jarBytes);
        }
        if (c.skipped == null) {
          RunReport.number(g, "startupMs", c.startupMs);
          RunReport.number(g, "rssMb", c.rssMb);
          RunReport.number(g, "threads", c.threads);
          RunReport.number(g, "exportedBytesPerRequest", c.exportedBytesPerRequest);
          g.writeObjectFieldStart("rounds");
          for (Map.Entry<String, List<Double>> f : c.rounds.entrySet()) {
            numbers(g, f.getKey(), f.getValue());
          }
          g.writeEndObject();
          g.writeObjectFieldStart("endpoints");
          for (Map.Entry<String, EndpointResult> en : c.endpoints.entrySet()) {
            EndpointResult e = en.getValue();
            g.writeObjectFieldStart(en.getKey());
            g.writeStringField("path", e.path);
            RunReport.number(g, "maxThroughput", e.maxThroughput);
            RunReport.number(g, "throughputRatio", e.throughputRatio);
            numbers(g, "throughputRatioRounds", e.throughputRatioRounds);
            RunReport.number(g, "rate", e.rate);
            g.writeObjectFieldStart("latencyMs");
            for (Map.Entry<String, Double> l : e.latencyMs.entrySet()) {
              RunReport.number(g, l.getKey(), l.getValue());
            }
            g.writeEndObject();
            RunReport.number(g, "errorPercent", e.errorPercent);
            RunReport.number(g, "cpuMicrosPerRequest", e.cpuMicrosPerRequest);
            RunReport.number(g, "cpuRatio", e.cpuRatio);
            g.writeEndObject();
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  static void numbers(JsonGenerator g, String name, List<Double> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (double v : values) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
    g.writeEndArray();
  }

  /** The median, ignoring missing (NaN) values; NaN when none is left. */
  static double median(List<Double> values) {
    double[] v = values.stream().filter(d -> d != null && !Double.isNaN(d)).mapToDouble(Double::doubleValue).sorted()
        .toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double num(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
  }

  private static double number(Properties p, String key) {
    String v = p.getProperty(key);
    try {
      return v == null || v.isBlank() ? Double.NaN : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }
}
