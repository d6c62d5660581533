package dev.vigil.agent.logs;

/** Cutting a log record's strings to a maximum length, as the OTLP attribute value length limit does. */
final class LogValues {
  private LogValues() {}

  /** {@code s} cut to {@code maxChars} chars, never through a surrogate pair. */
  static String cut(String s, int maxChars) {
    if (s.length() <= maxChars) {
      return s;
    }
    int end = maxChars > 0 && Character.isHighSurrogate(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return s.substring(0, end);
  }
}
