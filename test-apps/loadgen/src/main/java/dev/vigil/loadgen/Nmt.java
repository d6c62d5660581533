package dev.vigil.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code jcmd <pid> VM.native_memory summary}: the committed total and the committed Java heap, in KB. */
final class Nmt {
  private static final Pattern TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
  private static final Pattern HEAP = Pattern.compile("Java Heap \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

  private Nmt() {}

  /** {total, heap} committed KB; NaN for what the file does not say (no file, NMT off). */
  static double[] committedKb(Path file) throws IOException {
    String text = Files.exists(file) ? Files.readString(file) : "";
    return new double[] {find(TOTAL, text), find(HEAP, text)};
  }

  private static double find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
