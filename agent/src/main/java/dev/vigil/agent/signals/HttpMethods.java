package dev.vigil.agent.signals;

/** The known HTTP methods, as small indexes; anything else is {@code _OTHER} (OpenTelemetry convention). */
public final class HttpMethods {
  static final String[] NAMES = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "_OTHER"};
  static final int OTHER = NAMES.length - 1;
  public static final String OTHER_NAME = NAMES[OTHER];

  private HttpMethods() {}

  /** The method as OpenTelemetry records it: a known method as is, anything else {@code _OTHER}. */
  public static String canonical(String method) {
    return NAMES[index(method)];
  }

  static int index(String method) {
    if (method == null) {
      return OTHER;
    }
    switch (method) {
      case "GET": return 0;
      case "HEAD": return 1;
      case "POST": return 2;
      case "PUT": return 3;
      case "DELETE": return 4;
      case "CONNECT": return 5;
      case "OPTIONS": return 6;
      case "TRACE": return 7;
      case "PATCH": return 8;
      default: return OTHER;
    }
  }
}
