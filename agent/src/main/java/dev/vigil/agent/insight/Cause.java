package dev.vigil.agent.insight;

import java.util.List;

/** One likely reason a route is slow or failing: kind, score (0 to 1), title and the live numbers behind it. */
final class Cause {
  final String kind;
  final double score;
  final String title;
  final List<String> evidence;
  final List<String> traceIds;

  Cause(String kind, double score, String title, List<String> evidence, List<String> traceIds) {
    this.kind = kind;
    this.score = Math.max(0, Math.min(1, score));
    this.title = title;
    this.evidence = evidence;
    this.traceIds = traceIds;
  }

  Cause(String kind, double score, String title, List<String> evidence) {
    this(kind, score, title, evidence, List.of());
  }

  @Override
  public String toString() {
    return kind + " " + score + " " + title + " " + evidence;
  }
}
