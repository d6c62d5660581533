package dev.vigil.agent.tooling;

import java.util.ArrayList;
import java.util.List;

/**
 * The type instrumentations of the modules enabled by configuration, with their hints compiled into one index. Answers
 * which of them could apply to a class: first from its name and raw bytes, then (for the few that pass) whether its
 * class loader sees the module's library and the module is switched on.
 */
final class Instrumentations {
  /** One type instrumentation and the module it belongs to. */
  static final class Entry {
    final String module;
    final ClassLoaderHasClasses library;
    final TypeInstrumentation type;

    Entry(String module, ClassLoaderHasClasses library, TypeInstrumentation type) {
      this.module = module;
      this.library = library;
      this.type = type;
    }
  }

  private final Entry[] entries;
  private final HintIndex index;
  private final int modules;

  Instrumentations(List<InstrumentationModule> enabled) {
    List<Entry> list = new ArrayList<>();
    List<ClassHint> hints = new ArrayList<>();
    for (InstrumentationModule module : enabled) {
      ClassLoaderHasClasses library = new ClassLoaderHasClasses(module.requiredClasses());
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        list.add(new Entry(module.name(), library, type));
        hints.add(type.classHint());
      }
    }
    entries = list.toArray(new Entry[0]);
    index = new HintIndex(hints);
    modules = enabled.size();
  }

  int modules() {
    return modules;
  }

  /** Whether the raw bytes let the class through (nothing allocated when they do not). */
  boolean mightApply(String internalName, byte[] classFile) {
    return index.candidates(internalName, classFile) != null;
  }

  /**
   * The instrumentations that could apply to the class: its hints pass, its loader sees the library, the module is
   * switched on. Null when none.
   */
  Entry[] candidates(ClassLoader loader, String internalName, byte[] classFile) {
    int[] hit = index.candidates(internalName, classFile);
    if (hit == null) {
      return null;
    }
    List<Entry> result = new ArrayList<>(hit.length);
    for (int i : hit) {
      Entry e = entries[i];
      if (InstrumentationSwitches.enabled(e.module) && e.library.matches(loader)) {
        result.add(e);
      }
    }
    return result.isEmpty() ? null : result.toArray(new Entry[0]);
  }

  /** For loaded classes: whether the name alone decides, or their file must be read. */
  boolean nameOnlyCandidate(String internalName) {
    return index.nameOnlyCandidate(internalName);
  }

  boolean usesMethodHints() {
    return index.usesMethodHints();
  }
}
