package dev.vigil.agent.tooling;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.bootstrap.Helpers;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Defines agent helper classes (a library's interceptors) in the library's class loader, where the library's types
 * resolve: the agent jar's own copy, on the system class path, would not see a library loaded by a child loader (a
 * web app's, a fat jar's). The class file is read from the agent jar and defined with {@code ClassLoader.defineClass},
 * reached by opening {@code java.lang} to the agent through {@link Instrumentation#redefineModule} (no Unsafe). A helper
 * may use only {@code java.*}, the bridge and its library, and has static nested classes only (they are defined along).
 */
public final class HelperInjector implements Helpers {
  private final Instrumentation inst;
  private final ClassLoader agentLoader = HelperInjector.class.getClassLoader();
  /** Per helper name: the class defined in each loader, both held weakly (a redeployed web app unloads). */
  private final Map<String, WeakHashMap<ClassLoader, WeakReference<Class<?>>>> defined = new HashMap<>();
  private Method defineClass;

  public HelperInjector(Instrumentation inst) {
    this.inst = inst;
  }

  @Override
  public Object create(Class<?> anchor, String className) {
    try {
      ClassLoader loader = anchor.getClassLoader();
      if (loader == null) {
        return null; // a library on the boot class path sees no helper; none is instrumented so today
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
      found = define(loader, className);
      byLoader.put(loader, new WeakReference<>(found));
    }
    return found;
  }

  /** Defines the helper and its nested classes, outer first; returns the helper. */
  private Class<?> define(ClassLoader loader, String className) throws Exception {
    ClassFileLocator files = ClassFileLocator.ForClassLoader.of(agentLoader);
    List<String> names = new ArrayList<>();
    collect(TypePool.Default.of(files).describe(className).resolve(), names);
    Method define = defineClass();
    Class<?> helper = null;
    for (String name : names) {
      byte[] bytes = files.locate(name).resolve();
      Class<?> c = (Class<?>) define.invoke(loader, name, bytes, 0, bytes.length, null);
      if (helper == null) {
        helper = c;
      }
    }
    return helper;
  }

  private static void collect(TypeDescription type, List<String> names) {
    names.add(type.getName());
    for (TypeDescription nested : type.getDeclaredTypes()) {
      collect(nested, names);
    }
  }

  private Method defineClass() throws Exception {
    if (defineClass == null) {
      Module javaBase = Object.class.getModule();
      Module agent = HelperInjector.class.getModule();
      if (!javaBase.isOpen("java.lang", agent)) {
        inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
      }
      Method m = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class, int.class,
          java.security.ProtectionDomain.class);
      m.setAccessible(true);
      defineClass = m;
    }
    return defineClass;
  }
}
