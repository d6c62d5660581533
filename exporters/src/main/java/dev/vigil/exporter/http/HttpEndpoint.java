package dev.vigil.exporter.http;

import java.util.Map;

/** One path served by {@link AgentHttpServer}. Runs on the server's own daemon thread. */
public interface HttpEndpoint {
  Response handle(Map<String, String> headers, String query) throws Exception;

  final class Response {
    public final int status;
    public final String contentType;
    public final byte[] body;

    public Response(int status, String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }
  }
}
