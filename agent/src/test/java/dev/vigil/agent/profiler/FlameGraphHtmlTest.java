package dev.vigil.agent.profiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FlameGraphHtmlTest {
  @Test
  void embedsTheStacksAsDataThatCannotEscapeTheScript() {
    Map<String, Long> stacks = new TreeMap<>();
    stacks.put("a.Main.main;a.Work.hot", 7L);
    stacks.put("a.Main.main;x.</script><b>\"evil\"", 1L);
    String html = new String(FlameGraphHtml.render("cpu <profile>", stacks), StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>cpu &lt;profile&gt;</title>")
        .contains("[\"a.Main.main;a.Work.hot\",7]")
        .contains("x.\\u003c/script\\u003e\\u003cb\\u003e\\\"evil\\\"")
        .doesNotContain("</script><b>");
    assertThat(html.indexOf("</script>")).as("only the page's own script end").isEqualTo(html.lastIndexOf("</script>"));
  }

  @Test
  void collapsedFormatIsOneStackAndCountPerLine() {
    Map<String, Long> stacks = new TreeMap<>();
    stacks.put("a;b", 2L);
    stacks.put("a;c", 3L);
    assertThat(new String(Stacks.format(stacks), StandardCharsets.UTF_8)).isEqualTo("a;b 2\na;c 3\n");
  }
}
