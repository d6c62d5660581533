package dev.vigil.agent.tooling;

import dev.vigil.bootstrap.AdviceErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The ByteBuddy half: given a class that passed the raw-bytes pre-filter and the instrumentations it might get, runs
 * their matchers on a pool description of the class and inlines ByteBuddy {@link Advice} into the methods they match.
 * The class file is rewritten with plain ASM: methods that get no advice are copied as they are, byte for byte,
 * without being parsed, and none of ByteBuddy's type-building machinery (AgentBuilder, TypeWriter, method registry)
 * is loaded. The class format never changes (no field or method added), so loaded classes can be retransformed.
 */
final class Weaver {
  private static final Object BOOTSTRAP = new Object();
  private final ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(Weaver.class.getClassLoader());
  private final MethodDescription report;
  /**
   * Type descriptions per class loader, shared by the classes it loads (super types are parsed once); see clear().
   * Loaders are weak keys, and the descriptions reach their loader only weakly (through the pool's locator), so an
   * undeployed web application's loader is never kept by the cache. Guarded by itself.
   */
  private final Map<Object, TypePool.CacheProvider> caches = new WeakHashMap<>();

  Weaver() throws NoSuchMethodException {
    report = new MethodDescription.ForLoadedMethod(AdviceErrors.class.getMethod("report", Throwable.class,
        String.class));
  }

  /** The woven class file, or null when no candidate matches the class or any of its methods. */
  byte[] weave(ClassLoader loader, String binaryName, byte[] classFile, Instrumentations.Entry[] candidates) {
    ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(binaryName, classFile),
        ClassFileLocator.ForClassLoader.WeaklyReferenced.of(loader), agentClasses);
    TypePool pool = new TypePool.Default.WithLazyResolution(cache(loader), locator, TypePool.Default.ReaderMode.FAST);
    TypeDescription type = pool.describe(binaryName).resolve();
    Map<String, Advised> advised = advisedMethods(type, pool, locator, candidates);
    if (advised.isEmpty()) {
      return null;
    }
    ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
    Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
        new AuxiliaryType.NamingStrategy.SuffixingRandom("vigil"), TypeInitializer.None.INSTANCE, version, version);
    ClassReader reader = OpenedClassReader.of(classFile);
    ClassWriter writer = new ClassWriter(reader, 0); // shares the constant pool: untouched methods are copied
    reader.accept(new ClassVisitor(OpenedClassReader.ASM_API, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
        Advised a = advised.get(name + descriptor);
        if (a != null && visitor != null) {
          for (Advice advice : a.advice) {
            visitor = advice.wrap(type, a.method, visitor, context, pool, 0, 0);
          }
        }
        return visitor;
      }
    }, 0);
    return writer.toByteArray();
  }

  /** Declared methods that some matching instrumentation advises, by name and descriptor, with their advice. */
  private Map<String, Advised> advisedMethods(TypeDescription type, TypePool pool, ClassFileLocator locator,
      Instrumentations.Entry[] candidates) {
    Map<String, Advised> advised = new HashMap<>();
    for (Instrumentations.Entry entry : candidates) {
      if (!entry.type.typeMatcher().matches(type)) {
        continue;
      }
      Advice advice = null;
      for (MethodDescription.InDefinedShape method : methodsOf(type)) {
        if (!entry.type.methodMatcher().matches(method)) {
          continue;
        }
        if (advice == null) {
          advice = Advice.to(pool.describe(entry.type.adviceClass()).resolve(), locator)
              .withExceptionHandler(toAdviceErrors(entry));
        }
        String key = method.getInternalName() + method.getDescriptor();
        Advised a = advised.get(key);
        if (a == null) {
          a = new Advised(method);
          advised.put(key, a);
        }
        a.advice.add(advice);
      }
    }
    return advised;
  }

  /**
   * The declared methods and the type initializer, which a pool description leaves out (ByteBuddy's own
   * AsmVisitorWrapper.ForDeclaredMethods adds it so too); a class without one never visits it, so gets no advice there.
   */
  private static List<MethodDescription.InDefinedShape> methodsOf(TypeDescription type) {
    List<MethodDescription.InDefinedShape> methods = new ArrayList<>(type.getDeclaredMethods());
    methods.add(new MethodDescription.Latent.TypeInitializer(type));
    return methods;
  }

  /** The woven catch block: {@code AdviceErrors.report(thrown, "<module> <advice class>")}. */
  private Advice.ExceptionHandler toAdviceErrors(Instrumentations.Entry entry) {
    String advice = entry.type.adviceClass();
    String where = entry.module + " " + advice.substring(advice.lastIndexOf('.') + 1);
    return new Advice.ExceptionHandler.Simple(new StackManipulation.Compound(new TextConstant(where),
        MethodInvocation.invoke(report)));
  }

  /** Drops the cached descriptions (the ticker calls it), so they never hold much memory for long. */
  void clear() {
    synchronized (caches) {
      caches.clear();
    }
  }

  private TypePool.CacheProvider cache(ClassLoader loader) {
    Object key = loader == null ? BOOTSTRAP : loader;
    synchronized (caches) { // no computeIfAbsent: no lambda in code that runs inside a class load
      TypePool.CacheProvider cache = caches.get(key);
      if (cache == null) {
        cache = new TypePool.CacheProvider.Simple.UsingSoftReference();
        caches.put(key, cache);
      }
      return cache;
    }
  }

  /** A method and the advice that goes on it, in the order the instrumentations are listed. */
  private static final class Advised {
    final MethodDescription method;
    final List<Advice> advice = new ArrayList<>(2);

    Advised(MethodDescription method) {
      this.method = method;
    }
  }
}
