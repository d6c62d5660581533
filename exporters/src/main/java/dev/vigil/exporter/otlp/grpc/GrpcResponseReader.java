package dev.vigil.exporter.otlp.grpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads one gRPC response from its HTTP/2 stream: response headers, the length-prefixed message, and the trailers
 * with {@code grpc-status}; or a Trailers-Only response (one HEADERS frame ending the stream). A response without a
 * gRPC status (a proxy's error page, say) gets the status its HTTP code maps to, as gRPC clients do.
 */
final class GrpcResponseReader {
  private GrpcResponseReader() {}

  static GrpcResult read(Http2Connection c, int stream, long deadline, int maxBody) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    String httpStatus = null;
    String grpcStatus = null;
    String grpcMessage = "";
    String encoding = null;
    boolean ended = false;
    boolean endStream = false;
    boolean headersOpen = false;
    while (!ended) {
      c.setReadTimeout((deadline - System.nanoTime()) / 1_000_000L);
      Http2Frame f = c.nextStreamFrame();
      if (f.stream != stream) {
        continue; // a late frame of an earlier, finished stream
      }
      int[] content = f.content();
      switch (f.type) {
        case Http2Connection.DATA:
          if (data.size() + content[1] > maxBody) {
            throw new IOException("gRPC response larger than " + maxBody + " bytes");
          }
          data.write(f.payload, content[0], content[1]);
          if (f.payload.length > 0) {
            c.windowUpdate(0, f.payload.length); // keep the connection's window open for later calls
            c.flush();
          }
          break;
        case Http2Connection.HEADERS:
        case Http2Connection.CONTINUATION:
          block.write(f.payload, content[0], content[1]);
          if (f.has(Http2Connection.END_HEADERS)) {
            List<String> headers = c.hpack.decode(block.toByteArray(), block.size());
            block.reset();
            for (int i = 0; i + 1 < headers.size(); i += 2) {
              String value = headers.get(i + 1);
              switch (headers.get(i)) {
                case ":status": httpStatus = value; break;
                case "grpc-status": grpcStatus = value; break;
                case "grpc-message": grpcMessage = percentDecode(value); break;
                case "grpc-encoding": encoding = value; break;
                default: break;
              }
            }
          }
          break;
        case Http2Connection.RST_STREAM:
          throw new IOException("gRPC server reset the stream (HTTP/2 error "
              + Http2Frame.int32(f.payload, 0) + ")");
        default:
          break; // WINDOW_UPDATE for a stream whose request is fully sent
      }
      endStream |= f.has(Http2Connection.END_STREAM)
          && (f.type == Http2Connection.DATA || f.type == Http2Connection.HEADERS);
      if (f.type == Http2Connection.HEADERS || f.type == Http2Connection.CONTINUATION) {
        headersOpen = !f.has(Http2Connection.END_HEADERS); // trailers may go on in CONTINUATION frames
      }
      ended = endStream && !headersOpen;
    }
    int status = grpcStatus != null ? parse(grpcStatus) : fromHttp(httpStatus);
    if (grpcStatus == null) {
      grpcMessage = "no grpc-status; HTTP status " + httpStatus;
    }
    return new GrpcResult(status, grpcMessage, message(data.toByteArray(), encoding));
  }

  /** The first length-prefixed message of the body (OTLP responses have at most one), decompressed if flagged. */
  private static byte[] message(byte[] body, String encoding) throws IOException {
    if (body.length < 5) {
      return new byte[0];
    }
    int length = Http2Frame.int32(body, 1);
    if (length < 0 || 5 + length > body.length) {
      throw new IOException("gRPC response message cut short");
    }
    byte[] m = java.util.Arrays.copyOfRange(body, 5, 5 + length);
    if (body[0] == 1 && "gzip".equals(encoding)) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(m))) {
        return in.readNBytes(4 << 20);
      }
    }
    return m;
  }

  private static int parse(String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 2; // UNKNOWN
    }
  }

  /** HTTP status to gRPC code, as grpc/doc/http-grpc-status-mapping.md says. */
  static int fromHttp(String httpStatus) {
    switch (httpStatus == null ? "" : httpStatus) {
      case "400": return 13; // INTERNAL
      case "401": return 16; // UNAUTHENTICATED
      case "403": return 7; // PERMISSION_DENIED
      case "404": return 12; // UNIMPLEMENTED
      case "429": case "502": case "503": case "504": return 14; // UNAVAILABLE
      default: return 2; // UNKNOWN
    }
  }

  private static String percentDecode(String v) {
    try {
      return URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return v;
    }
  }
}
