package dev.vigil.agent.tooling;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Which types to instrument, and which advice class goes on which methods. */
public interface TypeInstrumentation {
  /**
   * What the class file of every type {@link #typeMatcher} matches (and that declares a method {@link #methodMatcher}
   * matches) holds: checked on the raw bytes of each loaded class, so that the matchers run on the few that pass.
   */
  ClassHint classHint();

  /** The types to instrument; by default those the hint names (a hint on method names needs its own matcher). */
  default ElementMatcher<TypeDescription> typeMatcher() {
    return classHint().typeMatcher();
  }

  ElementMatcher<? super MethodDescription> methodMatcher();

  /** Binary name of the class holding the enter/exit advice methods. */
  String adviceClass();
}
