package dev.vigil.exporter.otlp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The own HTTP/1.1 client against a hostile server: random, mutated, oversized, truncated and endless responses from a
 * seeded generator. Every post returns a response within the caps or throws an IOException, and none outlives its
 * deadline (the preemptive bound below only catches a hang: it is 50 times the deadline).
 */
class Http11ClientFuzzTest {
  private static final int INPUTS = 1500;
  private static final long TIMEOUT_MILLIS = 100;

  @Test
  void hostileResponsesEndInAResultOrAnIOExceptionWithinTheCaps() throws Exception {
    Random random = new Random(20261202L);
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    try (Hostile server = new Hostile(); Http11Client client = new Http11Client(URI.create(server.url()), null)) {
      for (int i = 0; i < INPUTS; i++) {
        server.next = Script.random(random);
        String outcome = assertTimeoutPreemptively(Duration.ofMillis(TIMEOUT_MILLIS * 50), () -> {
          try {
            HttpResult r = client.post(List.of("content-type", "application/x-protobuf"), new byte[] {1, 2}, TIMEOUT_MILLIS);
            assertThat(r.status).isBetween(200, 999);
            assertThat(r.body.length).isLessThanOrEqualTo(HttpResponseReader.MAX_BODY);
            return "response";
          } catch (IOException e) {
            return e.getClass().getSimpleName();
          }
        });
        outcomes.merge(outcome, 1, Integer::sum);
      }
    }
    System.out.println("[hostile] own HTTP/1.1 client fuzz | inputs tried: " + INPUTS + " seeded responses | outcomes: "
        + outcomes + " | lost: nothing escaped as anything but a response or an IOException");
    assertThat(outcomes).containsKeys("response", "SocketTimeoutException", "IOException");
  }

  /** One scripted answer: bytes to write, then end the connection, keep it, or stream endlessly. */
  static final class Script {
    final byte[] bytes;
    final boolean close;
    final boolean endless;

    Script(byte[] bytes, boolean close, boolean endless) {
      this.bytes = bytes;
      this.close = close;
      this.endless = endless;
    }

    static Script random(Random r) {
      switch (r.nextInt(6)) {
        case 0: return new Script(valid(r), r.nextBoolean(), false);
        case 1: return new Script(mutate(valid(r), r), true, false);
        case 2: return new Script(noise(r, r.nextInt(20_000)), true, false);
        case 3: return new Script(truncate(valid(r), r), true, false);
        case 4: return new Script(valid(r), false, r.nextInt(10) == 0); // sometimes endless noise after a response
        default: return new Script(chunkedTricks(r), true, false);
      }
    }

    private static byte[] valid(Random r) {
      StringBuilder b = new StringBuilder("HTTP/1." + r.nextInt(2) + " " + (100 + r.nextInt(500)) + " Reason\r\n");
      int headers = r.nextInt(r.nextInt(10) == 0 ? 200 : 10);
      for (int i = 0; i < headers; i++) {
        b.append("X-").append(i).append(": ").append("v".repeat(r.nextInt(r.nextInt(20) == 0 ? 20_000 : 50)))
            .append("\r\n");
      }
      byte[] body = noise(r, r.nextInt(r.nextInt(20) == 0 ? 6 << 20 : 300));
      if (r.nextBoolean()) {
        b.append("Content-Length: ").append(r.nextInt(8) == 0 ? r.nextInt(10 << 20) : body.length).append("\r\n\r\n");
        return concat(b.toString(), body);
      }
      b.append("Transfer-Encoding: chunked\r\n\r\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(b.toString().getBytes(StandardCharsets.ISO_8859_1));
      for (int at = 0; at < body.length; ) {
        int n = Math.min(body.length - at, 1 + r.nextInt(70_000));
        out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, at, n);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        at += n;
      }
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      return out.toByteArray();
    }

    private static byte[] chunkedTricks(Random r) {
      String[] sizes = {"-1", "ffffffffffffffffffff", "7fffffff", "zz", "", "10;" + "x".repeat(9000), "0x10", "4 "};
      return concat("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + sizes[r.nextInt(sizes.length)]
          + "\r\nabcd\r\n", noise(r, r.nextInt(100)));
    }

    private static byte[] mutate(byte[] b, Random r) {
      for (int i = 0, n = 1 + r.nextInt(8); i < n && b.length > 0; i++) {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
      return b;
    }

    private static byte[] truncate(byte[] b, Random r) {
      return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
    }

    private static byte[] noise(Random r, int n) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      return b;
    }

    private static byte[] concat(String head, byte[] body) {
      byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
      byte[] out = java.util.Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, out, h.length, body.length);
      return out;
    }
  }

  /** Reads each request, then plays the script set for it. */
  private static final class Hostile extends TestPeer {
    volatile Script next;

    Hostile() throws IOException {
    }

    @Override
    String url() {
      return super.url() + "/v1/traces";
    }

    @Override
    boolean answer(String head, OutputStream out) throws IOException {
      Script script = next;
      out.write(script.bytes);
      out.flush();
      byte[] noise = new byte[8192];
      while (script.endless) {
        out.write(noise);
      }
      return !script.close;
    }
  }
}
