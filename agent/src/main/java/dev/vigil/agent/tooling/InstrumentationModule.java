package dev.vigil.agent.tooling;

import java.util.List;

/**
 * One instrumented library (per major version where APIs differ): its config name, a class that exists only in the
 * supported versions (checked per class loader before any type matching), and its type instrumentations.
 */
public interface InstrumentationModule {
  /** Name in {@code vigil.instrumentation.<name>.enabled}. */
  String name();

  /** Classes that must all be visible from a class loader before its types are matched. */
  List<String> requiredClasses();

  List<TypeInstrumentation> typeInstrumentations();
}
