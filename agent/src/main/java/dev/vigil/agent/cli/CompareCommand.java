package dev.vigil.agent.cli;

import dev.vigil.agent.config.VigilConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code compare <baseline> <canary>}: reads {@code /vigil/api/samples} of two running instances and compares them
 * route by route over their last window (docs/canary.md). Exit code 1 when a route is worse on the canary, 2 when an instance
 * cannot be read, 0 otherwise: a deploy pipeline gates on it.
 */
final class CompareCommand {
  static final int OK = 0;
  static final int WORSE = 1;
  static final int UNREACHABLE = 2;
  static final String PATH = "/vigil/api/samples";
  private static final int MAX_BODY_BYTES = 64 << 20;

  private CompareCommand() {}

  static int run(String[] args) throws Exception {
    List<String> targets = new ArrayList<>();
    String token = System.getenv("VIGIL_HTTP_TOKEN");
    double alpha = 0.01;
    int minSamples = 30;
    double minEffect = 0.2;
    double minShiftMs = 1;
    long timeoutMillis = 10_000;
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        targets.add(args[i]);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--token": token = value; break;
        case "--alpha": alpha = number(args[i - 1], value, 1e-12, 0.5); break;
        case "--min-samples": minSamples = (int) number(args[i - 1], value, 3, 1_000_000); break;
        case "--min-effect": minEffect = number(args[i - 1], value, 0, 1); break;
        case "--min-shift": minShiftMs = VigilConfig.parseDurationMillis(value); break;
        case "--timeout": timeoutMillis = VigilConfig.parseDurationMillis(value); break;
        default: throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (targets.size() != 2) {
      throw new IllegalArgumentException("compare takes two instances: <baseline host:port> <canary host:port>");
    }
    URI baselineUri = samplesUri(targets.get(0));
    URI canaryUri = samplesUri(targets.get(1));
    Duration timeout = Duration.ofMillis(Math.max(1, timeoutMillis));
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    Map<String, RouteSamples> baseline;
    Map<String, RouteSamples> canary;
    try {
      baseline = fetch(client, baselineUri, token, timeout, "baseline");
      canary = fetch(client, canaryUri, token, timeout, "canary");
    } catch (IOException e) {
      System.err.println("vigil: " + e.getMessage());
      return UNREACHABLE;
    }
    RouteComparison.Thresholds thresholds = new RouteComparison.Thresholds(alpha, minSamples, minEffect, minShiftMs);
    List<RouteComparison> results = compare(baseline, canary, thresholds);
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "baseline %s, canary %s: %d routes; worse = p < %s, |r| >= %s and median"
        + " shift >= %s ms (latency) or p < %s (errors), at least %d samples a side%n", baselineUri.getAuthority(),
        canaryUri.getAuthority(), results.size(), alpha, minEffect, minShiftMs, alpha, minSamples);
    out.print(CompareTable.render(results));
    long worse = results.stream().filter(r -> r.verdict == RouteComparison.Verdict.WORSE).count();
    out.println(worse == 0 ? "verdict: no route is worse on the canary"
        : "verdict: " + worse + (worse == 1 ? " route is" : " routes are") + " worse on the canary");
    return worse == 0 ? OK : WORSE;
  }

  /** Every route either side served, worst verdict first, then by route and method. */
  static List<RouteComparison> compare(Map<String, RouteSamples> baseline, Map<String, RouteSamples> canary,
      RouteComparison.Thresholds thresholds) {
    TreeSet<String> keys = new TreeSet<>(Comparator.comparing((String k) -> k.substring(k.indexOf(' ') + 1))
        .thenComparing(k -> k));
    keys.addAll(baseline.keySet());
    keys.addAll(canary.keySet());
    List<RouteComparison> results = new ArrayList<>();
    for (String key : keys) {
      results.add(RouteComparison.of(key, baseline.get(key), canary.get(key), thresholds));
    }
    results.sort(Comparator.comparing((RouteComparison r) -> r.verdict)); // stable: route order within a verdict
    return results;
  }

  /** {@code host:port}, or a URL (its path defaults to /vigil/api/samples). */
  static URI samplesUri(String target) {
    String url = target.contains("://") ? target : "http://" + target;
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not host:port or a URL: " + target);
    }
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("not host:port or an http(s) URL: " + target);
    }
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/") ? URI.create(uri.getScheme() + "://"
        + uri.getRawAuthority() + PATH) : uri;
  }

  private static Map<String, RouteSamples> fetch(HttpClient client, URI uri, String token, Duration timeout,
      String side) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    if (token != null && !token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    String where = side + " " + uri;
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (response.statusCode() != 200) {
          throw new IOException("cannot read " + where + ": HTTP " + response.statusCode()
              + (response.statusCode() == 401 ? " (give the token with --token or VIGIL_HTTP_TOKEN)" : ""));
        }
        if (bytes.length > MAX_BODY_BYTES) {
          throw new IOException("cannot read " + where + ": the answer is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return RouteSamples.parse(new java.io.ByteArrayInputStream(bytes));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + where, e);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException(reason.startsWith("cannot read") ? reason : "cannot read " + where + ": " + reason, e);
    }
  }

  private static double number(String option, String value, double min, double max) {
    try {
      double d = Double.parseDouble(value);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(option + " " + value + " is not a number from " + min + " to " + max);
  }
}
