package dev.vigil.agent.tooling;

import dev.vigil.agent.logging.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Classes loaded before the transformer was installed (a few JDK classes in premain, everything on a late attach) or
 * that must be woven again after a run-time switch: found with the same pre-filter as class loads (name first, then
 * the class file read as a resource, nothing loaded) and retransformed, so the transformer weaves them.
 */
final class LoadedClasses {
  private LoadedClasses() {}

  /** Retransforms the loaded classes that the pre-filter lets through; returns how many. */
  static int retransformCandidates(Instrumentation inst, Instrumentations instrumentations) {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : inst.getAllLoadedClasses()) {
      if (type.isArray() || type.isPrimitive() || !inst.isModifiableClass(type)) {
        continue;
      }
      String internalName = type.getName().replace('.', '/');
      if (IgnoredTypes.ignored(internalName)) {
        continue;
      }
      if (instrumentations.nameOnlyCandidate(internalName)
          || instrumentations.usesMethodHints() && instrumentations.mightApply(internalName, classFile(type))) {
        candidates.add(type);
      }
    }
    if (candidates.isEmpty()) {
      return 0;
    }
    try {
      inst.retransformClasses(candidates.toArray(new Class<?>[0]));
    } catch (Throwable batch) {
      for (Class<?> type : candidates) { // one by one: one class that cannot be retransformed spoils no other
        try {
          inst.retransformClasses(type);
        } catch (Throwable t) {
          AgentLog.once(AgentLog.Level.WARN, "retransform:" + type.getName(), "cannot instrument the loaded class "
              + type.getName() + "; it runs uninstrumented", t);
        }
      }
    }
    return candidates.size();
  }

  /** The class's file as its loader holds it, or null (then only the name can decide, and it did not). */
  private static byte[] classFile(Class<?> type) {
    ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getPlatformClassLoader() : type.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      return new byte[0];
    }
  }
}
