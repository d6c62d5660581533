package dev.vigil.agent.otlp;

import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The body and headers of one export request, as the SDK's exporters hand them to a sender. */
final class OtlpRequests {
  private OtlpRequests() {}

  /** The serialized message, compressed when a compressor is set. */
  static byte[] body(MessageWriter writer, Compressor compressor) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, writer.getContentLength()));
    if (compressor == null) {
      writer.writeMessage(bytes);
    } else {
      try (OutputStream compressed = compressor.compress(bytes)) {
        writer.writeMessage(compressed);
      }
    }
    return bytes.toByteArray();
  }

  /** Name, value, name, value... with lower-case names (HTTP/2 requires them; HTTP/1.1 does not mind). */
  static List<String> headers(Supplier<Map<String, List<String>>> supplier) {
    List<String> out = new ArrayList<>();
    Map<String, List<String>> headers = supplier == null ? null : supplier.get();
    if (headers != null) {
      headers.forEach((name, values) -> values.forEach(v -> {
        out.add(name.toLowerCase(Locale.ROOT));
        out.add(v);
      }));
    }
    return out;
  }
}
