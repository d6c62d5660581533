package dev.vigil.agent.logging.jul;

/**
 * Stands in for {@code java.util.logging.Level} inside the bundled OpenTelemetry SDK: the shaded jar relocates the
 * SDK's references to this class (agent/pom.xml), so that the SDK never starts the JDK's logging system. Only the
 * constants the SDK uses exist; their values are those of the JDK.
 */
public final class Level {
  public static final Level SEVERE = new Level(1000);
  public static final Level WARNING = new Level(900);
  public static final Level INFO = new Level(800);
  public static final Level FINE = new Level(500);
  public static final Level FINER = new Level(400);
  public static final Level FINEST = new Level(300);

  private final int value;

  private Level(int value) {
    this.value = value;
  }

  public int intValue() {
    return value;
  }
}
