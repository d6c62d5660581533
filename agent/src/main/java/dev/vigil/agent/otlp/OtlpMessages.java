package dev.vigil.agent.otlp;

import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** Encoded OTLP messages as a channel sends them. */
public final class OtlpMessages {
  private OtlpMessages() {}

  /** An already encoded message. */
  public static MessageWriter of(byte[] encoded) {
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream out) throws IOException {
        out.write(encoded);
      }

      @Override
      public int getContentLength() {
        return encoded.length;
      }
    };
  }

  /** The message's bytes, gzip-compressed when asked. */
  static byte[] bytes(MessageWriter message, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, message.getContentLength() / (gzip ? 4 : 1)));
    if (!gzip) {
      message.writeMessage(bytes);
      return bytes.toByteArray();
    }
    try (OutputStream zipped = new GZIPOutputStream(bytes)) {
      message.writeMessage(zipped);
    }
    return bytes.toByteArray();
  }
}
