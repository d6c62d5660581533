package dev.vigil.agent.tooling;

import dev.vigil.agent.logging.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's one class file transformer. Every class load passes a name test ({@link IgnoredTypes}) and the raw-bytes
 * pre-filter; only the few classes that pass reach ByteBuddy ({@link Weaver}). Nothing on the first two steps loads a
 * class, allocates or links a call site, and a class load caused by weaving is never woven itself: whatever the
 * application loads meanwhile, on whatever thread, the transformer never needs a class that is being loaded (the
 * ClassCircularityError that once killed an application at start-up). A class that cannot be woven is reported once
 * and loads unchanged.
 */
final class ClassTransformer implements ClassFileTransformer {
  private final Instrumentations instrumentations;
  private final Weaver weaver;
  private final Instrumentation inst;
  private final Module bridge;
  /** Set while this thread weaves: a class that weaving loads is left alone (ByteBuddy's circularity lock does so). */
  private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();
  private final AtomicInteger woven = new AtomicInteger();

  ClassTransformer(Instrumentations instrumentations, Weaver weaver, Instrumentation inst, Module bridge) {
    this.instrumentations = instrumentations;
    this.weaver = weaver;
    this.inst = inst;
    this.bridge = bridge;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
      ProtectionDomain domain, byte[] classFile) {
    if (className == null || IgnoredTypes.ignored(className)
        || !instrumentations.mightApply(className, classFile) || weaving.get() != null) {
      return null;
    }
    weaving.set(Boolean.TRUE);
    try {
      Instrumentations.Entry[] candidates = instrumentations.candidates(loader, className, classFile);
      byte[] result = candidates == null ? null
          : weaver.weave(loader, className.replace('/', '.'), classFile, candidates);
      if (result != null) {
        readEdgeToBridge(module);
        woven.incrementAndGet();
        AgentLog.debug("instrumented " + className);
      }
      return result;
    } catch (Throwable t) {
      AgentLog.once(AgentLog.Level.WARN, "transform:" + className, "cannot instrument " + className.replace('/', '.')
          + "; it runs uninstrumented", t);
      return null;
    } finally {
      weaving.remove();
    }
  }

  /** Classes woven so far (first loads and retransformations). */
  int woven() {
    return woven.get();
  }

  /** Advice calls the bridge: a class of a named module (the JDK's own) must be allowed to read it. */
  private void readEdgeToBridge(Module module) {
    if (module != null && module.isNamed() && !module.canRead(bridge)) {
      inst.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }
}
