package dev.vigil.agent.profiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One finished recording: its JFR file, what it sampled, how, and the outputs rendered from it (deleted with it). */
final class Recorded {
  final Path jfr;
  final ProfileEvent event;
  final String mode;
  final long startMillis;
  final long endMillis;
  private final List<Path> outputs = new ArrayList<>();

  Recorded(Path jfr, ProfileEvent event, String mode, long startMillis, long endMillis) {
    this.jfr = jfr;
    this.event = event;
    this.mode = mode;
    this.startMillis = startMillis;
    this.endMillis = endMillis;
  }

  synchronized void addOutput(Path p) {
    outputs.add(p);
  }

  synchronized void delete() {
    outputs.add(jfr);
    for (Path p : outputs) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort: the directory is the agent's own
      }
    }
    outputs.clear();
  }
}
