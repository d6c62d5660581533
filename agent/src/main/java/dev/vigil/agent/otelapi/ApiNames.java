package dev.vigil.agent.otelapi;

/**
 * Names of the application's OpenTelemetry classes. Built at run time: the shaded jar relocates every string constant
 * that starts with the API's package (Vigil bundles its own copy under it), and these must keep naming the
 * application's.
 */
public final class ApiNames {
  public static final String LAZY_STORAGE = api(".context.LazyStorage");
  public static final String GLOBAL_OPEN_TELEMETRY = api(".api.GlobalOpenTelemetry");
  public static final String WITH_SPAN = api(".instrumentation.annotations.WithSpan");
  public static final String SPAN_ATTRIBUTE = api(".instrumentation.annotations.SpanAttribute");

  private ApiNames() {}

  private static String api(String rest) {
    return "io.".concat("opentelemetry").concat(rest);
  }
}
