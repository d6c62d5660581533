package dev.vigil.agent.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.support.CapturedStderr;
import dev.vigil.exporter.http.HttpEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenGateTest {
  private static Map<String, HttpEndpoint> paths() {
    Map<String, HttpEndpoint> paths = new LinkedHashMap<>();
    HttpEndpoint ok = (h, q) -> new HttpEndpoint.Response(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
    paths.put("/metrics", ok);
    paths.put("/vigil/signals", ok);
    paths.put("/vigil/api/overview", ok);
    paths.put("/vigil/assets/app.js", new HttpEndpoint() {
      @Override
      public Response handle(Map<String, String> headers, String query) {
        return new Response(200, "text/javascript", "page".getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public boolean holdsData() {
        return false;
      }
    });
    return paths;
  }

  @Test
  void loopbackServesEverythingWithoutAToken() throws Exception {
    Map<String, HttpEndpoint> paths = paths();
    TokenGate.apply(paths, "127.0.0.1", "");
    assertThat(paths.get("/vigil/api/overview").handle(Map.of(), "").status).isEqualTo(200);
    TokenGate.apply(paths, "localhost", "");
    assertThat(paths).containsKeys("/vigil/signals", "/vigil/api/overview");
  }

  @Test
  void anyAddressWithoutATokenServesOnlyMetricsAndSaysWhy() {
    Map<String, HttpEndpoint> paths = paths();
    try (CapturedStderr err = CapturedStderr.start()) {
      TokenGate.apply(paths, "0.0.0.0", null);
      assertThat(err.lines()).hasSize(1);
      assertThat(err.lines().get(0)).contains("vigil.http.token").contains("0.0.0.0");
    }
    assertThat(paths).containsOnlyKeys("/metrics");
  }

  @Test
  void anyAddressWithATokenNeedsTheBearerHeaderOnVigilPathsOnly() throws Exception {
    Map<String, HttpEndpoint> paths = paths();
    TokenGate.apply(paths, "0.0.0.0", "s3cret");
    HttpEndpoint api = paths.get("/vigil/api/overview");
    assertThat(api.handle(Map.of(), "").status).isEqualTo(401);
    assertThat(api.handle(Map.of("authorization", "Bearer wrong"), "").status).isEqualTo(401);
    assertThat(api.handle(Map.of("authorization", "Bearer s3cret2"), "").status).isEqualTo(401);
    assertThat(api.handle(Map.of("authorization", "Bearer s3cret"), "").status).isEqualTo(200);
    assertThat(paths.get("/metrics").handle(Map.of(), "").status).isEqualTo(200);
    assertThat(paths.get("/vigil/assets/app.js").handle(Map.of(), "").status)
        .as("the page's files hold no data: a browser loads them without the header").isEqualTo(200);
  }
}
