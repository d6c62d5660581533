package dev.vigil.agent.tooling;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * What a class file must hold for an instrumentation to apply, checked on its raw bytes before ByteBuddy parses
 * anything: the class's own name, or a method it declares (its name, and the start of its descriptor) in the class
 * file's method table. Advice only goes on methods a class declares, so a hint never drops a real candidate; it spares
 * the parse of the thousands of classes that cannot be one. ByteBuddy's matchers still decide for the few that pass.
 */
public final class ClassHint {
  final String[] names;
  final String namePrefix;
  final String[] methodNames;
  final String[] descriptorPrefixes;
  final String[] constants;

  private ClassHint(String[] names, String namePrefix, String[] methodNames, String[] descriptorPrefixes) {
    this(names, namePrefix, methodNames, descriptorPrefixes, new String[0]);
  }

  private ClassHint(String[] names, String namePrefix, String[] methodNames, String[] descriptorPrefixes,
      String[] constants) {
    this.names = names;
    this.namePrefix = namePrefix;
    this.methodNames = methodNames;
    this.descriptorPrefixes = descriptorPrefixes;
    this.constants = constants;
  }

  /** Classes with exactly these binary names ({@code a.b.Outer$Inner}). */
  public static ClassHint named(String... binaryNames) {
    String[] internal = new String[binaryNames.length];
    for (int i = 0; i < binaryNames.length; i++) {
      internal[i] = binaryNames[i].replace('.', '/');
    }
    return new ClassHint(internal, null, new String[0], new String[0]);
  }

  /** Classes whose binary name starts with this. */
  public static ClassHint nameStartsWith(String binaryPrefix) {
    return new ClassHint(new String[0], binaryPrefix.replace('.', '/'), new String[0], new String[0]);
  }

  /** Classes that declare a method with one of these names (read from the class file's own method table). */
  public static ClassHint declaresMethod(String... methodNames) {
    return new ClassHint(new String[0], null, methodNames.clone(), new String[0]);
  }

  /**
   * Classes whose constant pool holds one of these UTF-8 constants, e.g. the descriptor of an annotation
   * ({@code "Lorg/example/Traced;"}) that marks the methods to advise, wherever they are.
   */
  public static ClassHint holdsConstant(String... utf8) {
    return new ClassHint(new String[0], null, new String[0], new String[0], utf8.clone());
  }

  /**
   * Only a declared method whose descriptor starts with one of these counts, e.g. {@code "(Ljava/lang/String;"} for a
   * method whose first argument is a String: the arguments of the methods the instrumentation advises.
   */
  public ClassHint withDescriptorStartingWith(String... prefixes) {
    for (String prefix : prefixes) {
      if (methodNames.length == 0 || prefix.isEmpty() || prefix.charAt(0) != '(') {
        throw new IllegalArgumentException("a descriptor prefix goes with method names and starts with '('");
      }
    }
    return new ClassHint(names, namePrefix, methodNames, prefixes.clone());
  }

  /** For a hint on names: the types it names, which is all there is to match. */
  public ElementMatcher<TypeDescription> typeMatcher() {
    if (namePrefix != null) {
      return ElementMatchers.nameStartsWith(namePrefix.replace('/', '.'));
    }
    if (names.length == 0) {
      throw new IllegalStateException("a hint on method names needs the instrumentation's own type matcher");
    }
    String[] binary = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      binary[i] = names[i].replace('/', '.');
    }
    return ElementMatchers.namedOneOf(binary);
  }
}
