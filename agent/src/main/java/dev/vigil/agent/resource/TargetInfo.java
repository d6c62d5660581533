package dev.vigil.agent.resource;

import dev.vigil.exporter.model.Labels;
import dev.vigil.exporter.model.MetricFamily;
import dev.vigil.exporter.model.MetricProducer;
import dev.vigil.exporter.model.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code target_info} on /metrics: the resource's attributes as labels of one gauge of value 1, as the OpenTelemetry
 * Prometheus compatibility rules render a resource (dots and other characters become underscores), so a scrape can
 * be joined with the spans and logs of the same process. The command line is left out (a class path makes a label of
 * many kilobytes on every scrape) and a value is cut at {@link #MAX_VALUE} characters; OTLP carries them whole.
 */
public final class TargetInfo implements MetricProducer {
  static final int MAX_VALUE = 256;
  private static final Set<String> LEFT_OUT = Set.of("process.command_args", "process.command_line");

  private final List<MetricFamily> families;

  public TargetInfo(Map<String, String> resource) {
    Map<String, String> labels = new LinkedHashMap<>(); // two keys that sanitize alike share a label, values joined by ;
    resource.forEach((key, value) -> {
      if (!LEFT_OUT.contains(key)) {
        labels.merge(labelName(key), value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value,
            (a, b) -> a + ";" + b);
      }
    });
    families = List.of(new MetricFamily("target_info", MetricFamily.Type.GAUGE, "Target metadata", "",
        List.of(Point.value(new Labels(labels.keySet().toArray(new String[0]),
            labels.values().toArray(new String[0])), 1))));
  }

  static String labelName(String key) {
    StringBuilder b = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    return b.length() > 0 && Character.isDigit(b.charAt(0)) ? "key_" + b : b.toString();
  }

  @Override
  public void collect(List<MetricFamily> out) {
    out.addAll(families);
  }
}
