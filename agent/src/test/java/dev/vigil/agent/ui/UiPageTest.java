package dev.vigil.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.http.HttpEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UiPageTest {
  private static Map<String, HttpEndpoint> paths() {
    Map<String, HttpEndpoint> paths = new LinkedHashMap<>();
    UiPage.addEndpoints(paths);
    return paths;
  }

  private static HttpEndpoint.Response get(String path) throws Exception {
    return paths().get(path).handle(Collections.emptyMap(), "");
  }

  @Test
  void servesOnlyTheFixedFilesUnderExactPaths() {
    assertThat(paths().keySet()).containsExactly("/vigil", "/vigil/", "/vigil/assets/app.js", "/vigil/assets/app.css",
        "/vigil/assets/uPlot.iife.min.js", "/vigil/assets/uPlot.min.css", "/vigil/assets/uPlot.LICENSE.txt");
  }

  @Test
  void eachFileWithItsContentTypeAndAStrictPolicy() throws Exception {
    Map<String, String> types = new HashMap<>();
    types.put("/vigil/", "text/html; charset=utf-8");
    types.put("/vigil/assets/app.js", "text/javascript; charset=utf-8");
    types.put("/vigil/assets/uPlot.iife.min.js", "text/javascript; charset=utf-8");
    types.put("/vigil/assets/app.css", "text/css; charset=utf-8");
    types.put("/vigil/assets/uPlot.min.css", "text/css; charset=utf-8");
    for (Map.Entry<String, String> e : types.entrySet()) {
      HttpEndpoint.Response r = get(e.getKey());
      assertThat(r.status).as(e.getKey()).isEqualTo(200);
      assertThat(r.contentType).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(r.body.length).as(e.getKey()).isGreaterThan(100);
      assertThat(r.headers.get("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'")
          .doesNotContain("unsafe");
      assertThat(r.headers).containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Cache-Control", "no-cache");
    }
    assertThat(new String(get("/vigil/assets/uPlot.LICENSE.txt").body, StandardCharsets.UTF_8)).contains("MIT");
  }

  @Test
  void aRepeatVisitWithTheETagGets304WithoutABody() throws Exception {
    HttpEndpoint asset = paths().get("/vigil/assets/app.js");
    HttpEndpoint.Response first = asset.handle(Collections.emptyMap(), "");
    String etag = first.headers.get("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");
    HttpEndpoint.Response again = asset.handle(Collections.singletonMap("if-none-match", etag), "");
    assertThat(again.status).isEqualTo(304);
    assertThat(again.body).isEmpty();
    assertThat(asset.handle(Collections.singletonMap("if-none-match", "\"other\""), "").status).isEqualTo(200);
  }

  @Test
  void vigilWithoutSlashRedirects() throws Exception {
    HttpEndpoint.Response r = get("/vigil");
    assertThat(r.status).isEqualTo(302);
    assertThat(r.headers).containsEntry("Location", "/vigil/");
  }

  /** index.html may load nothing from outside, nothing inline, and only files the handler serves. */
  @Test
  void thePageLoadsOnlyServedAssets() throws Exception {
    String html = new String(get("/vigil/").body, StandardCharsets.UTF_8);
    assertThat(html).doesNotContain("<script>").doesNotContain("style=").doesNotContain("http://")
        .doesNotContain("https://");
    Matcher m = Pattern.compile("(?:src|href)=\"assets/([^\"]+)\"").matcher(html);
    int n = 0;
    while (m.find()) {
      assertThat(UiPage.ASSETS).containsKey(m.group(1));
      n++;
    }
    assertThat(n).isEqualTo(4);
  }

  /** Route names and SQL come from the application: the script never parses strings as HTML. */
  @Test
  void theScriptNeverParsesHtml() throws Exception {
    String js = new String(get("/vigil/assets/app.js").body, StandardCharsets.UTF_8);
    assertThat(js).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
        .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function");
  }
}
