package dev.vigil.exporter.http;

import java.util.Collections;
import java.util.Map;

/**
 * One path served by {@link AgentHttpServer}, on one of its workers: two scrapes may run it at once. {@code headers} has
 * lower-case names; {@code query} is the raw (still percent-encoded) query, empty when there is none.
 */
public interface HttpEndpoint {
  Response handle(Map<String, String> headers, String query) throws Exception;

  /** False for files that hold no data of the process (the page's static assets): served without the token. */
  default boolean holdsData() {
    return true;
  }

  final class Response {
    public final int status;
    public final String contentType;
    public final byte[] body;
    /** Extra response headers (Cache-Control, Content-Security-Policy, ...), empty for most paths. */
    public final Map<String, String> headers;

    public Response(int status, String contentType, byte[] body) {
      this(status, contentType, body, Collections.emptyMap());
    }

    public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
      this.headers = headers;
    }
  }
}
