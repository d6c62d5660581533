package dev.vigil.agent.signals;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A uniform random sample of the latencies of one endpoint over the sliding window, for the canary comparison
 * ({@code /vigil/api/samples}). One reservoir per window slot (Vitter's algorithm R), rotated by the same ticks as
 * {@link SlidingWindow}; a read merges the slots in proportion to the requests each saw, so the merged sample stays
 * uniform over the window.
 *
 * <p>Memory is fixed: {@code slots * perSlot} ints of microseconds plus one count per slot (1,024 samples over 6 slots:
 * 6 * 171 * 4 = 4,104 bytes of samples, about 4.2 KB per endpoint with the headers).
 *
 * <p>Recording takes no lock and allocates nothing: one plain increment, at most one random draw and one array store.
 * Racing writers may lose an increment (the count reads slightly low) or overwrite each other's sample; both only nudge
 * which requests are kept, never break the array. Stores are ints, so a reader never sees a torn value.
 */
final class LatencyReservoir {
  /** Written into a slot when it is reset: a place counted but not stored yet is skipped by the reader. */
  private static final int EMPTY = -1;

  private final int perSlot;
  private final int slots;
  private final int[] micros;
  private final int[] seen;
  private volatile int current;

  /** {@code samples} over the whole window, spread over {@code slots} slots. */
  LatencyReservoir(int samples, int slots) {
    this.slots = slots;
    this.perSlot = Math.max(1, (samples + slots - 1) / slots);
    this.micros = new int[slots * perSlot];
    this.seen = new int[slots];
    Arrays.fill(micros, EMPTY);
  }

  /** App thread: offers one latency to the current slot's reservoir. */
  void record(long nanos) {
    int slot = current;
    int n = seen[slot];
    if (n == Integer.MAX_VALUE) {
      return; // no slot sees 2^31 requests in practice; stop rather than wrap
    }
    seen[slot] = n + 1;
    // a place in [0, n] by multiply-shift of 32 random bits: no division, a bias below (n + 1) / 2^32
    int place = n < perSlot ? n : (int) (((ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL) * (n + 1L)) >>> 32);
    if (place < perSlot) {
      long us = nanos / 1000;
      micros[slot * perSlot + place] = us > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) us;
    }
  }

  /** Ticker: the oldest slot is emptied and becomes the current one. */
  synchronized void advance() {
    int next = (current + 1) % slots;
    Arrays.fill(micros, next * perSlot, (next + 1) * perSlot, EMPTY);
    seen[next] = 0;
    current = next;
  }

  /**
   * Reader: at most {@code limit} latencies in microseconds, a uniform sample of the window. Each slot gives a share of
   * the sample proportional to the requests it saw; the sample is as large as the fullest slot (relative to its
   * traffic) allows.
   */
  synchronized int[] sample(int limit) {
    int[] counts = seen.clone(); // writers go on counting: work on one reading
    int[] kept = new int[slots];
    long total = 0;
    for (int s = 0; s < slots; s++) {
      total += counts[s];
      kept[s] = Math.min(counts[s], perSlot);
    }
    if (total == 0) {
      return new int[0];
    }
    double size = Math.min(limit, total);
    for (int s = 0; s < slots; s++) {
      if (counts[s] > 0) {
        size = Math.min(size, (double) kept[s] * total / counts[s]);
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int[] out = new int[(int) size + slots];
    int filled = 0;
    for (int s = 0; s < slots; s++) {
      int take = (int) Math.min(kept[s], Math.round(size * counts[s] / total));
      int[] pool = Arrays.copyOfRange(micros, s * perSlot, s * perSlot + kept[s]);
      for (int i = 0; i < take; i++) { // partial Fisher-Yates: 'take' distinct places of the slot
        int j = i + random.nextInt(pool.length - i);
        int v = pool[j];
        pool[j] = pool[i];
        if (v != EMPTY) {
          out[filled++] = v;
        }
      }
    }
    return Arrays.copyOf(out, filled);
  }

  /** The samples a slot holds at most. */
  int perSlot() {
    return perSlot;
  }
}
