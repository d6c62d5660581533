package dev.vigil.agent.instrumentation.executors;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One advice class on the methods of the matched types. */
final class Hook implements TypeInstrumentation {
  private final ClassHint hint;
  private final ElementMatcher<TypeDescription> types;
  private final ElementMatcher<? super MethodDescription> methods;
  private final Class<?> advice;

  /** On the types the hint names. */
  Hook(ClassHint named, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
    this(named, null, methods, advice);
  }

  Hook(ClassHint hint, ElementMatcher<TypeDescription> types, ElementMatcher<? super MethodDescription> methods,
      Class<?> advice) {
    this.hint = hint;
    this.types = types;
    this.methods = methods;
    this.advice = advice;
  }

  @Override
  public ClassHint classHint() {
    return hint;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return types != null ? types : hint.typeMatcher();
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return methods;
  }

  @Override
  public String adviceClass() {
    return advice.getName();
  }
}
