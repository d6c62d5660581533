package dev.vigil.agent.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Captures System.err (where the agent's log goes) for the duration of a try block. */
public final class CapturedStderr implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private CapturedStderr() {
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  public static CapturedStderr start() {
    return new CapturedStderr();
  }

  public List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return Arrays.stream(text.split("\\R")).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
