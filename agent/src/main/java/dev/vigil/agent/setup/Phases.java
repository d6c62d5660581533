package dev.vigil.agent.setup;

/** The time of each start-up phase, for the one line the agent logs once started. */
final class Phases {
  private final long start = System.nanoTime();
  private final StringBuilder premain = new StringBuilder();
  private final StringBuilder after = new StringBuilder();
  private long last = start;
  private long premainEnd;

  /** Ends the phase that ran since the previous one. */
  synchronized void end(String phase) {
    long now = System.nanoTime();
    StringBuilder into = premainEnd == 0 ? premain : after;
    into.append(into.length() == 0 ? "" : ", ").append(phase).append(' ').append(millis(now - last));
    last = now;
  }

  synchronized void endPremain() {
    premainEnd = System.nanoTime();
  }

  /** E.g. "412 ms (premain 95 ms: config 5, recorders 30, ...; then 317 ms: exports 317)". */
  synchronized String summary() {
    long now = System.nanoTime();
    return millis(now - start) + " ms (premain " + millis(premainEnd - start) + " ms: " + premain + "; then "
        + millis(now - premainEnd) + " ms: " + after + ")";
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
