package dev.vigil.agent.tooling;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches class loaders that can see every one of a module's required classes, so the costly type matching runs only
 * where the library is. Answers are cached per loader (weakly, so the cache never keeps a loader alive).
 */
final class ClassLoaderHasClasses extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
  private static final Object BOOTSTRAP = new Object();
  private final List<String> resources;
  private final Map<Object, Boolean> cache = new WeakHashMap<>();

  ClassLoaderHasClasses(List<String> classNames) {
    this.resources = classNames.stream().map(n -> n.replace('.', '/') + ".class").collect(java.util.stream.Collectors.toList());
  }

  @Override
  public boolean matches(ClassLoader loader) {
    Object key = loader == null ? BOOTSTRAP : loader;
    synchronized (cache) {
      Boolean known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    boolean all = true;
    for (String resource : resources) {
      ClassLoader lookup = loader == null ? ClassLoader.getPlatformClassLoader() : loader;
      boolean found = lookup.getResource(resource) != null;
      if (!found) {
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
