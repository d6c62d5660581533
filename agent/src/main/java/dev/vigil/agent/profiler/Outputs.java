package dev.vigil.agent.profiler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Renders a recording as collapsed stacks or an HTML flame graph, whole or for one http_route. */
final class Outputs {
  private Outputs() {}

  /** collapsed, html or jfr (any case); IllegalArgumentException otherwise. */
  static String format(String format) {
    String f = format == null || format.trim().isEmpty() ? "html" : format.trim().toLowerCase(Locale.ROOT);
    if (!f.equals("collapsed") && !f.equals("html") && !f.equals("jfr")) {
      throw new IllegalArgumentException("unknown format " + format + "; use collapsed, html or jfr");
    }
    return f;
  }

  static byte[] render(Recorded r, String format, String route) throws IOException {
    Map<String, Long> stacks = Stacks.collapse(r.jfr, r.event, route, RouteTimeline.index());
    if (format.equals("collapsed")) {
      return Stacks.format(stacks);
    }
    String title = "Vigil " + r.event.id() + " profile" + (route == null ? "" : " of " + route) + " (" + r.mode + ")";
    return FlameGraphHtml.render(title, stacks);
  }

  /** Writes the output beside the recording and returns its path; jfr returns the recording itself. */
  static Path write(Recorded r, String format, String route) throws IOException {
    if (format.equals("jfr")) {
      if (route != null) {
        throw new IllegalArgumentException("a route filter applies to collapsed and html, not to jfr");
      }
      return r.jfr;
    }
    String base = r.jfr.getFileName().toString().replaceFirst("\\.jfr$", "");
    String suffix = route == null ? "" : "-route" + route.replaceAll("[^A-Za-z0-9_.-]+", "_");
    Path out = r.jfr.resolveSibling(base + suffix + (format.equals("html") ? ".html" : ".collapsed"));
    ProfileFiles.write(out, render(r, format, route));
    r.addOutput(out);
    return out;
  }
}
