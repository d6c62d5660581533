package dev.vigil.agent.otelapi;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.tooling.HelperClassLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * The bridge objects of each copy of the application's API: one bridge class loader per application class loader,
 * made on first use; the object found by a class of the API (LazyStorage, GlobalOpenTelemetry) is cached on that class
 * (a {@link ClassValue}: one lookup per call, nothing kept once the application's loader goes). While a bridge is being
 * made, the API calls it makes itself on that thread see null: the application's own objects, never a recursion.
 */
final class BridgeInstances {
  static final String JAR = "META-INF/vigil/vigil-agent-otel-bridge.jar";
  /**
   * Package of the bridge classes, compiled against the unrelocated API: defined beside the application's API, they
   * implement its own types and reach the bootstrap bridge through it as any class does.
   */
  static final String PACKAGE = "dev.vigil.otelbridge.";
  private static final Object FAILED = new Object();

  private final ClassValue<Slot> slots = new ClassValue<Slot>() {
    @Override
    protected Slot computeValue(Class<?> type) {
      return new Slot();
    }
  };
  private final ThreadLocal<Boolean> making = new ThreadLocal<>();
  private final Map<ClassLoader, HelperClassLoader> loaders = new WeakHashMap<>();
  private Map<String, byte[]> classes;

  /** The public static {@code INSTANCE} of {@code bridgeClass} beside {@code apiClass}, or null. */
  Object get(Class<?> apiClass, String bridgeClass) {
    Slot slot = slots.get(apiClass);
    Object v = slot.value;
    if (v != null) {
      return v == FAILED ? null : v;
    }
    if (making.get() != null) {
      return null;
    }
    making.set(Boolean.TRUE);
    try {
      synchronized (slot) {
        if (slot.value == null) {
          slot.value = make(apiClass.getClassLoader(), bridgeClass);
          AgentLog.info("the application's OpenTelemetry API (" + apiClass.getName() + ") now reports to Vigil");
        }
      }
    } catch (Throwable t) {
      slot.value = FAILED;
      AgentLog.once(AgentLog.Level.WARN, "otel-api-bridge", "the application's OpenTelemetry API could not be bridged"
          + " to Vigil; it keeps its own implementation", t);
    } finally {
      making.remove();
    }
    v = slot.value;
    return v == FAILED ? null : v;
  }

  private Object make(ClassLoader application, String bridgeClass) throws Exception {
    HelperClassLoader loader;
    synchronized (loaders) {
      loader = loaders.get(application);
      if (loader == null) {
        loader = new HelperClassLoader("vigil-otel-bridge", application, classes());
        loaders.put(application, loader);
      }
    }
    return Class.forName(bridgeClass, true, loader).getField("INSTANCE").get(null);
  }

  /** The bridge jar's classes, read once from the agent jar. */
  private Map<String, byte[]> classes() throws IOException {
    if (classes != null) {
      return classes;
    }
    Map<String, byte[]> read = new HashMap<>();
    InputStream in = BridgeInstances.class.getClassLoader().getResourceAsStream(JAR);
    if (in == null) {
      throw new IOException(JAR + " is missing from the agent jar");
    }
    try (JarInputStream jar = new JarInputStream(in)) {
      for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
        String name = e.getName();
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          jar.transferTo(bytes);
          read.put(name.substring(0, name.length() - 6).replace('/', '.'), bytes.toByteArray());
        }
      }
    }
    classes = read;
    return read;
  }

  private static final class Slot {
    volatile Object value;
  }
}
