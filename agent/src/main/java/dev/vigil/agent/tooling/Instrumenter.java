package dev.vigil.agent.tooling;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.instrumentation.InstrumentationModules;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.utility.JavaModule;

/** Builds the one ByteBuddy transformer from the enabled modules and installs it. */
final class Instrumenter {
  private static Instrumentation installedOn;
  private static VigilConfig installedConfig;
  private static TypePoolCache installedCache;
  private static ResettableClassFileTransformer transformer;

  private Instrumenter() {}

  /**
   * Weaves again with the modules switched on now ({@link InstrumentationSwitches}): the classes of a module switched
   * off get their own bytecode back by retransformation (frames already running finish with the code they started).
   */
  static synchronized void reinstall() throws Exception {
    if (transformer == null) {
      throw new IllegalStateException("the instrumentation is not installed yet");
    }
    transformer.reset(installedOn, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    transformer = null;
    install(installedOn, installedConfig, true, installedCache);
  }

  /** Returns the number of modules installed. The type pool cache must be cleared periodically (the ticker does). */
  static synchronized int install(Instrumentation inst, VigilConfig config, boolean lateAttach,
      TypePoolCache typePoolCache)
      throws Exception {
    quietByteBuddy();
    Advice.ExceptionHandler toAdviceErrors = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
        new MethodDescription.ForLoadedMethod(AdviceErrors.class.getMethod("report", Throwable.class))));
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        // Installed off the main thread: classes the application loaded meanwhile are retransformed. POOL_FIRST:
        // HYBRID (reflection for loaded classes) left bootstrap classes such as com.sun.net.httpserver unmatched.
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(typePoolCache)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(new ErrorListener())
        .assureReadEdgeTo(inst, Bridge.class)
        .ignore(new IgnoredTypes());
    int installed = 0;
    for (InstrumentationModule module : InstrumentationModules.all()) {
      if (!config.instrumentationEnabled(module.name())) {
        AgentLog.info("instrumentation " + module.name() + " is off (vigil.instrumentation." + module.name()
            + ".enabled=false)");
        continue;
      }
      if (!InstrumentationSwitches.enabled(module.name())) {
        continue; // switched off at run time (JMX dev.vigil:type=Agent)
      }
      ClassLoaderHasClasses loaders = new ClassLoaderHasClasses(module.requiredClasses());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        builder = builder.type(type.typeMatcher(), loaders)
            .transform(new AgentBuilder.Transformer.ForAdvice()
                .include(Instrumenter.class.getClassLoader())
                .withExceptionHandler(toAdviceErrors)
                .advice(type.methodMatcher(), type.adviceClass()));
      }
      installed++;
    }
    transformer = builder.installOn(inst);
    installedOn = inst;
    installedConfig = config;
    installedCache = typePoolCache;
    return installed;
  }

  /**
   * Inlined advice needs neither ByteBuddy's Nexus nor its Unsafe-based class injection; without these switches the
   * AgentBuilder probes sun.misc.Unsafe, which JDK 24+ reports on the application's stderr. The keys carry ByteBuddy's
   * relocated package name, so they never affect an application's own ByteBuddy.
   */
  private static void quietByteBuddy() {
    String prefix = ByteBuddy.class.getPackage().getName();
    System.setProperty(prefix + ".safe", "true");
    System.setProperty(prefix + ".nexus.disabled", "true");
  }

  /** A type that cannot be transformed is reported once and left as it was. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      AgentLog.once(AgentLog.Level.WARN, "transform:" + typeName, "cannot instrument " + typeName
          + "; it runs uninstrumented", t);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
        DynamicType dynamicType) {
      AgentLog.debug("instrumented " + type.getName());
    }
  }
}
