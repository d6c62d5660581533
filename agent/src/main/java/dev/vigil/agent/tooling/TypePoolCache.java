package dev.vigil.agent.tooling;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type descriptions resolved while matching, shared per class loader: without it every class of a servlet application
 * re-parses its whole super-type chain when it is matched against {@code hasSuperType}. Entries are softly held and the
 * whole cache is dropped at every tick, so it never keeps a class loader or much memory alive for long.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  private static final Object BOOTSTRAP = new Object();
  private final ConcurrentMap<Object, TypePool.CacheProvider> providers = new ConcurrentHashMap<>();

  TypePoolCache() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  /** Called by ByteBuddy just before it matches class {@code name}: its file goes to {@link ClassFileHints}. */
  @Override
  public TypePool typePool(ClassFileLocator locator, ClassLoader loader, String name) {
    byte[] bytes = null;
    try {
      ClassFileLocator.Resolution resolution = locator.locate(name); // the transformed class's own bytes, at hand
      bytes = resolution.isResolved() ? resolution.resolve() : null;
    } catch (IOException | RuntimeException e) {
      bytes = null;
    }
    ClassFileHints.matching(name, bytes);
    return super.typePool(locator, loader, name);
  }

  @Override
  public TypePool typePool(ClassFileLocator locator, ClassLoader loader) {
    ClassFileHints.matching(null, null);
    return super.typePool(locator, loader);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader loader) {
    return providers.computeIfAbsent(loader == null ? BOOTSTRAP : loader,
        k -> new TypePool.CacheProvider.Simple.UsingSoftReference());
  }

  void clear() {
    providers.clear();
  }
}
