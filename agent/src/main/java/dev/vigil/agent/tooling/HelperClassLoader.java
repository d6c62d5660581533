package dev.vigil.agent.tooling;

import java.util.Map;

/**
 * Defines agent classes read from the agent jar (a library's interceptors, the bridge to the application's OpenTelemetry
 * API) beside an application's class loader, its parent: the given classes it defines itself, never from its parents,
 * and everything else (the library, the bridge on the bootstrap path, the JDK) resolves through the parent, so the
 * types they implement are the application's own.
 */
public final class HelperClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Map<String, byte[]> classes;

  /** {@code classes}: class files by binary name. */
  public HelperClassLoader(String name, ClassLoader application, Map<String, byte[]> classes) {
    super(name, application);
    this.classes = classes;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        c = defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
