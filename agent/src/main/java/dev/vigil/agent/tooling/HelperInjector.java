package dev.vigil.agent.tooling;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.bootstrap.Helpers;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Makes agent helper classes (a library's interceptors) that must resolve the library's types: the agent jar's own
 * copy, on the system class path, would not see a library loaded by a child loader (a web app's, a fat jar's). Each
 * helper's class files (its nested classes' too) are read from the agent jar and defined by a {@link HelperClassLoader}
 * whose parent is the library's loader: the library, the bridge and the JDK resolve through it, and no JDK internals
 * are opened or touched. A helper may use only {@code java.*}, the bridge and its library, and has static nested
 * classes only (AgentJarIT checks both).
 */
public final class HelperInjector implements Helpers {
  private final ClassLoader agentLoader = HelperInjector.class.getClassLoader();
  /** Per helper name: its class over each library loader, both held weakly (a redeployed web app unloads). */
  private final Map<String, WeakHashMap<ClassLoader, WeakReference<Class<?>>>> defined = new HashMap<>();
  /** Per helper name: its one instance per anchor class (kept in the anchor's class, so unloaded with it). */
  private final Map<String, ClassValue<Object>> shared = new ConcurrentHashMap<>();

  @Override
  public Object shared(Class<?> anchor, String className) {
    ClassValue<Object> instances = shared.get(className);
    if (instances == null) {
      instances = shared.computeIfAbsent(className, name -> new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> type) {
          return create(type, name); // null when it cannot be made: not retried for this anchor
        }
      });
    }
    return instances.get(anchor);
  }

  @Override
  public Object create(Class<?> anchor, String className) {
    try {
      ClassLoader loader = anchor.getClassLoader();
      if (loader == null) {
        return null; // a library on the boot class path: none is instrumented so today
      }
      return helper(loader, className).getDeclaredConstructor().newInstance();
    } catch (Throwable t) {
      AgentLog.once(AgentLog.Level.WARN, "helper:" + className, "could not define " + className + " next to "
          + anchor.getName() + "; that library is not recorded", t);
      return null;
    }
  }

  private synchronized Class<?> helper(ClassLoader loader, String className) throws Exception {
    WeakHashMap<ClassLoader, WeakReference<Class<?>>> byLoader = defined.computeIfAbsent(className,
        k -> new WeakHashMap<>());
    WeakReference<Class<?>> ref = byLoader.get(loader);
    Class<?> found = ref == null ? null : ref.get();
    if (found == null) {
      found = Class.forName(className, false, new HelperClassLoader("vigil-helpers", loader, classFiles(className)));
      byLoader.put(loader, new WeakReference<>(found));
    }
    return found;
  }

  /** The class files of the helper and its nested classes, by binary name. */
  private Map<String, byte[]> classFiles(String className) throws Exception {
    ClassFileLocator files = ClassFileLocator.ForClassLoader.of(agentLoader);
    Map<String, byte[]> out = new HashMap<>();
    collect(TypePool.Default.of(files).describe(className).resolve(), files, out);
    return out;
  }

  private static void collect(TypeDescription type, ClassFileLocator files, Map<String, byte[]> out)
      throws Exception {
    out.put(type.getName(), files.locate(type.getName()).resolve());
    for (TypeDescription nested : type.getDeclaredTypes()) {
      collect(nested, files, out);
    }
  }
}
