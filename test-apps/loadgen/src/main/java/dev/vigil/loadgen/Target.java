package dev.vigil.loadgen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One URL under load: {@code [name=]http://host:port/path[*weight]}. A {@code {id}} in the path becomes 1..idRange in
 * turn, so {@code /products/{id}} spreads over rows while the report keeps the template as the name.
 */
public final class Target {
  private static final Pattern SPEC =
      Pattern.compile("(?:([^=]+)=)?http://([^/:]+)(?::(\\d+))?(/[^*]*)?(?:\\*(\\d+))?");

  public final String name;
  public final String method;
  public final String host;
  public final int port;
  public final String path;
  public final int weight;

  public Target(String name, String method, String host, int port, String path, int weight) {
    this.name = name;
    this.method = method;
    this.host = host;
    this.port = port;
    this.path = path;
    this.weight = weight;
  }

  /** Parses a spec; {@code method} applies to every target (GET unless --method says otherwise). */
  public static Target parse(String spec, String method) {
    Matcher m = SPEC.matcher(spec.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a target ([name=]http://host:port/path[*weight]): " + spec);
    }
    String path = m.group(4) == null ? "/" : m.group(4);
    int port = m.group(3) == null ? 80 : Integer.parseInt(m.group(3));
    int weight = m.group(5) == null ? 1 : Integer.parseInt(m.group(5));
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1: " + spec);
    }
    String name = m.group(1) == null ? path : m.group(1);
    return new Target(name, method, m.group(2), port, path, weight);
  }

  /** The request path for the {@code seq}-th request to this target. */
  public String pathFor(long seq, int idRange) {
    int at = path.indexOf("{id}");
    if (at < 0) {
      return path;
    }
    return path.substring(0, at) + (1 + Math.floorMod(seq, idRange)) + path.substring(at + 4);
  }

  @Override
  public String toString() {
    return name + " (" + method + " http://" + host + ":" + port + path + (weight > 1 ? " *" + weight : "") + ")";
  }
}
