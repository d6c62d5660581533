package dev.vigil.bootstrap;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds the current span's ids to a log event's MDC map as it is captured. The event gets a new map (the captured one
 * may be the MDC adapter's own copy-on-write map and is never changed); the thread's MDC is never written, so no id
 * can outlive its span on a pooled thread. Keys the application already set are kept.
 */
public final class LogMdc {
  private LogMdc() {}

  /** {@code mdc} plus the current span's ids, or {@code mdc} itself outside a span. */
  public static Map<String, String> withTraceIds(Map<String, String> mdc) {
    String[] ids = Bridge.logs().currentIds();
    if (ids == null) {
      return mdc;
    }
    Map<String, String> out = new HashMap<>(mdc == null ? 8 : Math.max(8, (mdc.size() + 3) * 4 / 3 + 1));
    if (mdc != null) {
      out.putAll(mdc);
    }
    for (int i = 0; i + 1 < ids.length; i += 2) {
      out.putIfAbsent(ids[i], ids[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}
