package dev.vigil.bootstrap;

/**
 * Turns a raw request path into a route template when the framework gives none: numeric, UUID and long hex segments
 * become {@code {id}}; the query and path parameters ({@code ;jsessionid=...}) are dropped. Returns the same String
 * instance when nothing changes, so the common case allocates nothing.
 */
public final class Routes {
  public static final String ID = "{id}";
  static final int MIN_HEX_LENGTH = 16;
  static final int MAX_LENGTH = 256;

  private Routes() {}

  public static String normalize(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.indexOf(';') >= 0) {
      path = stripPathParameters(path);
    }
    if (path.isEmpty()) {
      return "/";
    }
    if (!hasIdSegment(path) && path.length() <= MAX_LENGTH) {
      return path;
    }
    StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LENGTH));
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      if (start > 0) {
        out.append('/');
      }
      out.append(isId(path, start, end) ? ID : path.substring(start, end));
      if (out.length() > MAX_LENGTH) {
        out.setLength(MAX_LENGTH);
        break;
      }
      start = end + 1;
    }
    return out.toString();
  }

  /** Joins a context path and a path inside it, normalizing both. */
  public static String join(String contextPath, String path) {
    String inner = normalize(path);
    if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
      return inner;
    }
    String ctx = normalize(contextPath);
    return inner.equals("/") ? ctx : ctx + inner;
  }

  /** {@code /cart;jsessionid=AB12/items} becomes {@code /cart/items}: a session id must never become a route. */
  private static String stripPathParameters(String path) {
    StringBuilder out = new StringBuilder(path.length());
    boolean skipping = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == ';') {
        skipping = true;
      } else if (c == '/') {
        skipping = false;
      }
      if (!skipping) {
        out.append(c);
      }
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static boolean hasIdSegment(String path) {
    int start = 0;
    while (start < path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      if (isId(path, start, end)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  static boolean isId(String s, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return false;
    }
    boolean digitsOnly = true;
    boolean hexOnly = true;
    int digits = 0;
    int dashes = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean hexLetter = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (digit) {
        digits++;
      } else if (c == '-') {
        dashes++;
        digitsOnly = false;
      } else {
        digitsOnly = false;
        if (!hexLetter) {
          hexOnly = false;
        }
      }
    }
    if (digitsOnly) {
      return true;
    }
    if (!hexOnly) {
      return false;
    }
    if (dashes == 4 && length == 36) {
      return true; // UUID
    }
    return dashes == 0 && length >= MIN_HEX_LENGTH && digits > 0;
  }
}
