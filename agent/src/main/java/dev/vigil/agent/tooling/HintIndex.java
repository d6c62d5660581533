package dev.vigil.agent.tooling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every enabled instrumentation's {@link ClassHint}, compiled for the one question asked at each class load: which
 * instrumentations could apply to this class? Answered from the class's name and one walk of its class file
 * ({@link ClassFileScan}), with nothing allocated when the answer is none (about 99 % of classes).
 */
final class HintIndex {
  private final Map<String, int[]> byName = new HashMap<>();
  private final String[] prefixes;
  private final int[] prefixOwner;
  private final int[] methodOwner;
  private final ClassFileScan scan;
  private final int size;

  HintIndex(List<ClassHint> hints) {
    size = hints.size();
    List<String> prefixList = new ArrayList<>();
    List<Integer> prefixOwners = new ArrayList<>();
    List<Integer> methodOwners = new ArrayList<>();
    List<String> methodNames = new ArrayList<>();
    List<String> descriptorPrefixes = new ArrayList<>();
    List<String> constants = new ArrayList<>();
    for (int i = 0; i < hints.size(); i++) {
      ClassHint h = hints.get(i);
      for (String name : h.names) {
        int[] old = byName.get(name);
        int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
        grown[grown.length - 1] = i;
        byName.put(name, grown);
      }
      if (h.namePrefix != null) {
        prefixList.add(h.namePrefix);
        prefixOwners.add(i);
      }
      if (h.methodNames.length > 0 || h.constants.length > 0) {
        methodOwners.add(i);
        addNew(methodNames, h.methodNames);
        addNew(descriptorPrefixes, h.descriptorPrefixes);
        addNew(constants, h.constants);
      }
    }
    prefixes = prefixList.toArray(new String[0]);
    prefixOwner = ints(prefixOwners);
    methodOwner = ints(methodOwners);
    long[] nameBits = new long[methodOwner.length];
    long[] descriptorBits = new long[methodOwner.length];
    long[] constantBits = new long[methodOwner.length];
    for (int k = 0; k < methodOwner.length; k++) {
      ClassHint h = hints.get(methodOwner[k]);
      for (String m : h.methodNames) {
        nameBits[k] |= 1L << methodNames.indexOf(m);
      }
      for (String d : h.descriptorPrefixes) {
        descriptorBits[k] |= 1L << (methodNames.size() + descriptorPrefixes.indexOf(d));
      }
      for (String c : h.constants) {
        constantBits[k] |= 1L << constants.indexOf(c);
      }
    }
    scan = new ClassFileScan(methodNames, descriptorPrefixes, nameBits, descriptorBits, constants, constantBits);
  }

  /**
   * Indexes (into the hint list) of the instrumentations that could apply to the class, or null when none can.
   * {@code internalName} uses slashes, as the JVM hands it to a transformer.
   */
  int[] candidates(String internalName, byte[] classFile) {
    int[] named = byName.get(internalName);
    boolean prefixed = false;
    for (String p : prefixes) {
      prefixed |= internalName.startsWith(p);
    }
    long declared = methodOwner.length == 0 ? 0 : scan.scan(classFile);
    if (named == null && !prefixed && declared == 0) {
      return null;
    }
    boolean[] hit = new boolean[size];
    if (named != null) {
      for (int i : named) {
        hit[i] = true;
      }
    }
    for (int k = 0; k < prefixes.length; k++) {
      hit[prefixOwner[k]] |= internalName.startsWith(prefixes[k]);
    }
    for (int k = 0; k < methodOwner.length; k++) {
      hit[methodOwner[k]] |= (declared & (1L << k)) != 0;
    }
    int n = 0;
    for (boolean b : hit) {
      n += b ? 1 : 0;
    }
    int[] result = new int[n];
    for (int i = 0, j = 0; i < size; i++) {
      if (hit[i]) {
        result[j++] = i;
      }
    }
    return result;
  }

  /** Whether the name alone makes a class a candidate (a loaded class is checked so before its file is read). */
  boolean nameOnlyCandidate(String internalName) {
    if (byName.containsKey(internalName)) {
      return true;
    }
    for (String p : prefixes) {
      if (internalName.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some instrumentation is matched on declared methods (then a loaded class's file must be read). */
  boolean usesMethodHints() {
    return methodOwner.length > 0;
  }

  private static void addNew(List<String> into, String[] values) {
    for (String v : values) {
      if (!into.contains(v)) {
        into.add(v);
      }
    }
  }

  private static int[] ints(List<Integer> list) {
    int[] a = new int[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = list.get(i);
    }
    return a;
  }
}
