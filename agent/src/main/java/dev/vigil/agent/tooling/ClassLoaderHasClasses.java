package dev.vigil.agent.tooling;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a class loader can see every one of a module's required classes, so that no matcher of a module runs where
 * its library is absent. Looked up as resources (nothing is loaded) and cached per loader (weakly, so the cache never
 * keeps a loader alive).
 */
final class ClassLoaderHasClasses {
  private static final Object BOOTSTRAP = new Object();
  private final String[] resources;
  private final Map<Object, Boolean> cache = new WeakHashMap<>();

  ClassLoaderHasClasses(List<String> classNames) {
    resources = new String[classNames.size()];
    for (int i = 0; i < resources.length; i++) {
      resources[i] = classNames.get(i).replace('.', '/') + ".class";
    }
  }

  boolean matches(ClassLoader loader) {
    Object key = loader == null ? BOOTSTRAP : loader;
    synchronized (cache) {
      Boolean known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    ClassLoader lookup = loader == null ? ClassLoader.getPlatformClassLoader() : loader;
    boolean all = true;
    for (String resource : resources) {
      if (lookup.getResource(resource) == null) {
        all = false;
        break;
      }
    }
    synchronized (cache) {
      cache.put(key, all);
    }
    return all;
  }
}
