package dev.vigil.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Renders the bench summary as Markdown tables, and replaces generated blocks in docs/benchmarks.md. */
final class BenchMarkdown {
  private final Properties env;
  private final List<String> endpoints;
  private final int rounds;

  BenchMarkdown(Properties env, List<String> endpoints, int rounds) {
    this.env = env;
    this.endpoints = endpoints;
    this.rounds = rounds;
  }

  String results(List<BenchReport.ConfigResult> results) {
    StringBuilder md = new StringBuilder();
    md.append("Run of ").append(env.getProperty("date", "?")).append(" (`scripts/bench.sh")
        .append("quick".equals(env.getProperty("mode")) ? " --quick" : "").append("`), ").append(rounds)
        .append(" interleaved round(s); every figure is the median over rounds.\n\n");
    md.append("- Machine: ").append(env.getProperty("machine.cpu", "?")).append(", ")
        .append(env.getProperty("machine.cores", "?")).append(" cores, ").append(env.getProperty("machine.memory", "?"))
        .append(" RAM, Linux ").append(env.getProperty("machine.kernel", "?")).append("; load average before the run: ")
        .append(env.getProperty("machine.load", "?")).append(".\n");
    md.append("- Java: ").append(env.getProperty("java.version", "?")).append("; JVM flags for every variant: `")
        .append(env.getProperty("jvm.flags", "?")).append("`.\n");
    md.append("- Vigil ").append(env.getProperty("vigil.version", "?")).append("; OpenTelemetry Java agent ")
        .append(env.getProperty("otel.version", "?")).append(" (").append(env.getProperty("otel.flags", "")).append(").\n");
    md.append("- App: ").append(env.getProperty("app", "?")).append(", pinned to core ")
        .append(env.getProperty("app.core", "?")).append("; load generator and OTLP sink on core ")
        .append(env.getProperty("load.core", "?")).append(".\n");
    md.append("- Max throughput: closed loop, ").append(env.getProperty("closed.connections", "?"))
        .append(" connections, ").append(env.getProperty("closed.warmup", "?")).append(" s warm-up, ")
        .append(env.getProperty("closed.duration", "?")).append(" s measured. Latency: open model at ")
        .append(env.getProperty("open.load", "?")).append(" of the same round's no-agent maximum, ")
        .append(env.getProperty("open.warmup", "?")).append(" s warm-up, ").append(env.getProperty("open.duration", "?"))
        .append(" s measured, latency from the intended send time. CPU: app utime+stime over the measured open-model "
            + "window / requests.\n\n");
    for (String endpoint : endpoints) {
      md.append("### ").append(env.getProperty("endpoint." + endpoint + ".label", endpoint)).append("\n\n");
      md.append("| Configuration | max req/s | vs none | rate req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
          + "| errors % | CPU µs/req | vs none |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (BenchReport.ConfigResult c : results) {
        md.append("| ").append(c.label).append(" | ");
        if (c.skipped != null) {
          md.append(c.skipped).append(" |||||||||||\n");
          continue;
        }
        BenchReport.EndpointResult e = c.endpoints.get(endpoint);
        md.append(f0(e.maxThroughput)).append(" | ").append(f3(e.throughputRatio)).append(" | ").append(f0(e.rate));
        for (String p : new String[] {"p50", "p90", "p99", "p99.9", "max"}) {
          md.append(" | ").append(f2(e.latencyMs.get(p)));
        }
        md.append(" | ").append(f2(e.errorPercent)).append(" | ").append(f1(e.cpuMicrosPerRequest)).append(" | ")
            .append(f3(e.cpuRatio)).append(" |\n");
      }
      List<String> perRound = new java.util.ArrayList<>();
      for (BenchReport.ConfigResult c : results) {
        if (c.skipped == null && !BenchReport.BASELINE.equals(c.name)) {
          List<String> ratios = new java.util.ArrayList<>();
          for (double r : c.endpoints.get(endpoint).throughputRatioRounds) {
            ratios.add(f3(r));
          }
          perRound.add(c.label + ": " + String.join(", ", ratios));
        }
      }
      md.append("\nMax-throughput ratio to no agent, round by round: ").append(String.join("; ", perRound))
          .append(".\n\n");
    }
    md.append("### Footprint (after the run)\n\n");
    md.append("| Configuration | RSS MB | threads | OTLP bytes/request | agent jar |\n|---|---:|---:|---:|---:|\n");
    for (BenchReport.ConfigResult c : results) {
      md.append("| ").append(c.label).append(" | ");
      if (c.skipped != null) {
        md.append(c.skipped).append(" ||||\n");
        continue;
      }
      md.append(f0(c.rssMb)).append(" | ").append(f0(c.threads)).append(" | ").append(f0(c.exportedBytesPerRequest))
          .append(" | ").append(c.jarBytes < 0 ? "-" : f1(c.jarBytes / 1024.0 / 1024.0) + " MB").append(" |\n");
    }
    return md.toString();
  }

  String startup(List<BenchReport.ConfigResult> results) {
    StringBuilder md = new StringBuilder();
    md.append("From the bench run above: JVM launch to the first 2xx answer of `")
        .append(env.getProperty("startup.url", "?")).append("` (polled every 5 ms), median of ").append(rounds)
        .append(" start(s) per configuration, same pinning and flags.\n\n");
    md.append("| Configuration | start-up ms | vs none |\n|---|---:|---:|\n");
    double base = Double.NaN;
    for (BenchReport.ConfigResult c : results) {
      if (BenchReport.BASELINE.equals(c.name)) {
        base = c.startupMs;
      }
    }
    for (BenchReport.ConfigResult c : results) {
      md.append("| ").append(c.label).append(" | ");
      if (c.skipped != null) {
        md.append(c.skipped).append(" ||\n");
        continue;
      }
      double delta = c.startupMs - base;
      md.append(f0(c.startupMs)).append(" | ").append(Double.isNaN(delta) ? "-" : (delta >= 0 ? "+" : "") + f0(delta))
          .append(" ms |\n");
    }
    return md.toString();
  }

  /** Replaces the text between {@code <!-- name:begin -->} and {@code <!-- name:end -->}, or appends the block. */
  static String replaceBlock(String doc, String name, String content) {
    String begin = "<!-- " + name + ":begin -->";
    String end = "<!-- " + name + ":end -->";
    String block = begin + "\n" + content + (content.endsWith("\n") ? "" : "\n") + end;
    int b = doc.indexOf(begin);
    int e = doc.indexOf(end);
    if (b < 0 || e < b) {
      return doc + (doc.isEmpty() || doc.endsWith("\n") ? "" : "\n") + "\n" + block + "\n";
    }
    return doc.substring(0, b) + block + doc.substring(e + end.length());
  }

  private static String f0(double v) {
    return fmt("%.0f", v);
  }

  private static String f1(double v) {
    return fmt("%.1f", v);
  }

  private static String f2(Double v) {
    return fmt("%.2f", v == null ? Double.NaN : v);
  }

  private static String f3(double v) {
    return fmt("%.3f", v);
  }

  private static String fmt(String format, double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
  }
}
