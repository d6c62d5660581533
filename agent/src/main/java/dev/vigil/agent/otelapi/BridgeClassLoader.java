package dev.vigil.agent.otelapi;

import java.util.Map;

/**
 * Defines the bridge classes (package {@code dev.vigil.otelbridge}, compiled against the unrelocated API) beside the
 * application's OpenTelemetry API: the application's loader is the parent, so the API types they implement are the
 * application's own, and the bootstrap bridge is reached through it as from any class.
 */
final class BridgeClassLoader extends ClassLoader {
  static final String PACKAGE = "dev.vigil.otelbridge.";

  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  BridgeClassLoader(ClassLoader application, Map<String, byte[]> classes) {
    super(application);
    this.classes = classes;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(PACKAGE)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        c = defineClass(name, bytes, 0, bytes.length);
      }
      return c;
    }
  }
}
