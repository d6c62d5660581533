package dev.vigil.its.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The names docs/metrics.md lists: its tables' first column (Prometheus) and second (OpenTelemetry). */
public final class DocumentedMetrics {
  public final Set<String> prometheus = new LinkedHashSet<>();
  public final Set<String> otel = new LinkedHashSet<>();

  private DocumentedMetrics() {}

  public static DocumentedMetrics read() throws IOException {
    Path doc = Path.of(System.getProperty("its.test-apps.dir", "test-apps"), "..", "docs", "metrics.md");
    DocumentedMetrics d = new DocumentedMetrics();
    for (String line : Files.readAllLines(doc)) {
      String[] cells = line.split("\\|");
      if (line.startsWith("| `") && cells.length > 3) {
        d.prometheus.add(cells[1].trim().replace("`", ""));
        d.otel.add(cells[2].trim().replace("`", ""));
      }
    }
    return d;
  }
}
