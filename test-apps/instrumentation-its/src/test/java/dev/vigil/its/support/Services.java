package dev.vigil.its.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/** The real services on localhost that some tests need, and names no other test run uses. */
public final class Services {
  private Services() {}

  /** Skips the test when nothing listens on {@code port}; fails instead under VIGIL_REQUIRE_SERVICES=1 (CI). */
  public static void require(String name, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (Exception e) {
      String message = name + " is not running on 127.0.0.1:" + port;
      if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
        throw new AssertionError(message + " and VIGIL_REQUIRE_SERVICES=1");
      }
      Assumptions.abort(message + ": skipped (set VIGIL_REQUIRE_SERVICES=1 to fail instead)");
    }
  }

  /** {@code prefix} and n random lower-case letters: a table, key or planted literal of this run only. */
  public static String unique(String prefix, int n) {
    Random r = new Random();
    StringBuilder s = new StringBuilder(prefix);
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    return s.toString();
  }
}
