package dev.vigil.exporter.otlp.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder against the examples of RFC 7541 Appendix C, and the encoder's literals read back. */
class HpackTest {
  @Test
  void integersOfAppendixC1() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Hpack.writeInt(10, 5, 0, out);
    Hpack.writeInt(1337, 5, 0, out);
    Hpack.writeInt(42, 8, 0, out);
    assertThat(out.toByteArray()).containsExactly(0x0a, 0x1f, 0x9a, 0x0a, 42);
    byte[] b = out.toByteArray();
    int[] pos = {1};
    assertThat(Hpack.readInt(b, b.length, pos, 5)).isEqualTo(1337);
    assertThat(pos[0]).isEqualTo(4);
  }

  @Test
  void requestsWithHuffmanOfAppendixC4() {
    Hpack decoder = new Hpack();
    assertThat(decode(decoder, "828684418cf1e3c2e5f23a6ba0ab90f4ff")).containsExactly(
        ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com");
    assertThat(decode(decoder, "828684be5886a8eb10649cbf")).containsExactly(
        ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
        "cache-control", "no-cache");
    assertThat(decode(decoder, "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf")).containsExactly(
        ":method", "GET", ":scheme", "https", ":path", "/index.html", ":authority", "www.example.com",
        "custom-key", "custom-value");
  }

  @Test
  void responsesWithHuffmanAndEvictionOfAppendixC6() {
    Hpack decoder = new Hpack(256);
    assertThat(decode(decoder, "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad"
        + "171863c78f0b97c8e9ae82ae43d3")).containsExactly(":status", "302", "cache-control", "private",
        "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com");
    assertThat(decode(decoder, "4883640effc1c0bf")).containsExactly(":status", "307", "cache-control", "private",
        "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com");
    assertThat(decode(decoder, "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2"
        + "e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007")).containsExactly(
        ":status", "200", "cache-control", "private", "date", "Mon, 21 Oct 2013 20:13:22 GMT",
        "location", "https://www.example.com", "content-encoding", "gzip",
        "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
  }

  @Test
  void encodedLiteralsDecodeToTheSameHeaders() {
    List<String> headers = List.of(":method", "POST", ":path", "/opentelemetry.proto.collector.trace.v1"
        + ".TraceService/Export", "x-long", "v".repeat(300), "grpc-timeout", "10000m");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Hpack.encode(headers, out);
    byte[] block = out.toByteArray();
    assertThat(new Hpack().decode(block, block.length)).isEqualTo(headers);
  }

  @Test
  void badBlocksAreRejectedNotMisread() {
    assertThatThrownBy(() -> decode(new Hpack(), "be")).as("dynamic index into an empty table")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> decode(new Hpack(), "4088ff")).as("string longer than the block")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> decode(new Hpack(), "3fe21f")).as("table size above what this side allows")
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> decode(Hpack decoder, String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return decoder.decode(b, b.length);
  }
}
