package dev.vigil.agent.tooling;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Which types to instrument, and which advice class goes on which methods. */
public interface TypeInstrumentation {
  ElementMatcher<TypeDescription> typeMatcher();

  ElementMatcher<? super MethodDescription> methodMatcher();

  /** Binary name of the class holding the enter/exit advice methods. */
  String adviceClass();
}
