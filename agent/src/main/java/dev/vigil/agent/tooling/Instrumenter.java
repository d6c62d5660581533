package dev.vigil.agent.tooling;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.instrumentation.InstrumentationModules;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.bootstrap.Bridge;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the transformer for the modules enabled by configuration, in premain: from then on every class load is
 * filtered and, when it is a candidate, woven. What it needs is loaded first (a warm-up weave of a JDK class), so the
 * transformer's own first use never happens inside a class load; then the classes loaded before it are retransformed.
 */
public final class Instrumenter {
  private static Instrumentation installedOn;
  private static Instrumentations installed;
  private static volatile Weaver weaver;

  private Instrumenter() {}

  /** What {@link #install} did, for the start-up line. */
  public static final class Installed {
    public final int modules;
    public final int retransformed;

    Installed(int modules, int retransformed) {
      this.modules = modules;
      this.retransformed = retransformed;
    }
  }

  public static synchronized Installed install(Instrumentation inst, VigilConfig config) throws Exception {
    quietByteBuddy(); // before any ByteBuddy class initializes
    List<InstrumentationModule> enabled = new ArrayList<>();
    for (InstrumentationModule module : InstrumentationModules.all()) {
      if (config.instrumentationEnabled(module.name())) {
        enabled.add(module);
      } else {
        AgentLog.info("instrumentation " + module.name() + " is off (vigil.instrumentation." + module.name()
            + ".enabled=false)");
      }
    }
    Instrumentations instrumentations = new Instrumentations(enabled);
    Weaver w = new Weaver();
    ClassTransformer transformer = new ClassTransformer(instrumentations, w, inst, Bridge.class.getModule());
    warmUp(transformer);
    inst.addTransformer(transformer, true);
    installedOn = inst;
    installed = instrumentations;
    weaver = w;
    return new Installed(instrumentations.modules(), LoadedClasses.retransformCandidates(inst, instrumentations));
  }

  /**
   * Weaves the loaded classes again after a module was switched on or off at run time
   * ({@link InstrumentationSwitches}): a module switched off gives its classes their own bytecode back (frames already
   * running finish with theirs).
   */
  static synchronized void reweave() {
    if (installed == null) {
      throw new IllegalStateException("the instrumentation is not installed yet");
    }
    LoadedClasses.retransformCandidates(installedOn, installed);
  }

  /** Drops the type descriptions cached while weaving (called periodically). */
  public static void clearCaches() {
    Weaver w = weaver;
    if (w != null) {
      w.clear();
    }
  }

  /**
   * ByteBuddy's switches, under its relocated package name (so an application's own ByteBuddy is unaffected): never
   * probe sun.misc.Unsafe (JDK 24+ reports it on the application's stderr), no Nexus (advice is inlined). Its
   * "generate" switch (dispatchers as generated classes rather than proxies) is left off: one of those classes fails
   * verification and HttpURLConnection then went uninstrumented.
   */
  private static void quietByteBuddy() {
    String prefix = net.bytebuddy.ByteBuddy.class.getPackage().getName();
    System.setProperty(prefix + ".safe", "true");
    System.setProperty(prefix + ".nexus.disabled", "true");
  }

  /**
   * Runs the whole transformer once, on a copy of a JDK class file that is not defined: every class it needs (the
   * pre-filter's, ByteBuddy's) is loaded here, before it sees the application's class loads.
   */
  private static void warmUp(ClassTransformer transformer) {
    String name = "java/util/concurrent/ThreadPoolExecutor";
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
      if (in != null) {
        transformer.transform(null, null, name, null, null, in.readAllBytes());
      }
    } catch (Exception e) {
      AgentLog.debug("transformer warm-up skipped: " + e);
    }
  }
}
