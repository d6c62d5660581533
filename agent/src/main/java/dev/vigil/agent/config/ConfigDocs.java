package dev.vigil.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Writes docs/configuration.md from {@link ConfigKeys}, so the reference cannot drift from the code (ConfigDocsTest
 * fails when the committed file differs). Run: {@code java -cp agent/target/classes dev.vigil.agent.config.ConfigDocs
 * docs/configuration.md}.
 */
public final class ConfigDocs {
  public static final String REGENERATE = "mvn -B -o -q -pl agent -am compile"
      + " && java -cp agent/target/classes dev.vigil.agent.config.ConfigDocs docs/configuration.md";

  private ConfigDocs() {}

  public static void main(String[] args) throws IOException {
    Path out = Paths.get(args.length > 0 ? args[0] : "docs/configuration.md");
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.write(out, render().getBytes(StandardCharsets.UTF_8));
    System.out.println("wrote " + out.toAbsolutePath());
  }

  public static String render() {
    StringBuilder md = new StringBuilder(4096);
    md.append("# Configuration\n\n")
        .append("<!-- Generated from ConfigKeys by dev.vigil.agent.config.ConfigDocs: do not edit by hand. Regenerate:\n")
        .append("     ").append(REGENERATE).append(" -->\n\n")
        .append("Vigil needs no configuration: `-javaagent:vigil-agent.jar` alone serves Prometheus metrics on\n")
        .append("http://127.0.0.1:9464/metrics. Every key below can be changed.\n\n")
        .append("## Where a value comes from\n\n")
        .append("A key's value comes from the first of these sources that sets it:\n\n")
        .append("1. A system property: `-Dvigil.prometheus.port=9465`.\n")
        .append("2. The agent arguments: `-javaagent:vigil-agent.jar=prometheus.port=9465,log.level=debug`\n")
        .append("   (comma-separated `key=value` pairs; the `vigil.` prefix may be left out). A value cannot contain a\n")
        .append("   comma here, so give `vigil.apdex.routes` another way.\n")
        .append("3. An environment variable: the key in upper case, every character other than a letter or digit turned into `_`:\n")
        .append("   `VIGIL_PROMETHEUS_PORT=9465`.\n")
        .append("4. The properties file named by `vigil.config` (itself set by any of the sources above).\n")
        .append("5. The default.\n\n")
        .append("Values are trimmed. Booleans are `true` or `false` (any case). Durations are a whole number with a unit:\n")
        .append("`250ms`, `60s`, `2m`, `1h`; a bare number is milliseconds.\n\n")
        .append("A value that does not parse never stops the application: the agent logs one line on standard error\n")
        .append("naming the key, the value and the default it uses instead, for example\n")
        .append("`[vigil] WARN config vigil.prometheus.port=abc is not an integer; using the default 9464`.\n")
        .append("A `vigil.config` file that cannot be read logs one warning and the other sources still apply.\n\n")
        .append("## Keys\n\n")
        .append("| Key | Environment variable | Type | Default | Meaning |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    keys(md, false);
    md.append("\n## OpenTelemetry variables\n\n")
        .append("Every setting of the OpenTelemetry SDK environment-variable specification, with its usual meaning. The\n")
        .append("system property form works too and wins over the variable. An empty value counts as unset. Durations\n")
        .append("are milliseconds (a unit such as `5s` is accepted too). A bad value logs one line naming the variable,\n")
        .append("the value and the default used. Where a `vigil.*` key says the same thing, the key wins.\n\n")
        .append("| Variable | System property | Type | Default | Applies to | Meaning |\n")
        .append("| --- | --- | --- | --- | --- | --- |\n");
    for (OtelKey key : OtelKeys.all()) {
      String meaning = key.description;
      if (!key.choices.isEmpty() && key.type == OtelKey.Type.CHOICE && !meaning.contains("`" + key.choices.get(0) + "`")) {
        meaning += " One of `" + String.join("`, `", key.choices) + "`.";
      }
      md.append("| `").append(key.envName()).append("` | `").append(key.name).append("` | ")
          .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(key.defaultValue.isEmpty() ? "(none)" : "`" + key.defaultValue + "`").append(" | ")
          .append(key.appliesTo).append(" | ").append(cell(meaning)).append(" |\n");
    }
    md.append("\n## Test-only keys\n\n")
        .append("Vigil's own test suite uses these to make the agent misbehave on purpose. Never set them.\n\n")
        .append("| Key | Environment variable | Type | Default | Meaning |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    keys(md, true);
    return md.toString();
  }

  private static void keys(StringBuilder md, boolean testOnly) {
    for (ConfigKey key : ConfigKeys.all()) {
      if (key.testOnly != testOnly) {
        continue;
      }
      md.append("| `").append(key.name).append("` | `").append(envDisplay(key.name)).append("` | ")
          .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
          .append(key.defaultValue.isEmpty() ? "(none)" : "`" + key.defaultValue + "`").append(" | ")
          .append(cell(key.description)).append(" |\n");
    }
  }

  /** The environment form, keeping placeholders: {@code vigil.instrumentation.<name>.enabled} -> {@code ..._<NAME>_...}. */
  static String envDisplay(String key) {
    StringBuilder out = new StringBuilder(key.length());
    boolean placeholder = false;
    for (char c : key.toCharArray()) {
      if (c == '<' || c == '>') {
        placeholder = c == '<';
        out.append(c);
      } else if (placeholder || Character.isLetterOrDigit(c)) {
        out.append(Character.toUpperCase(c));
      } else {
        out.append('_');
      }
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
