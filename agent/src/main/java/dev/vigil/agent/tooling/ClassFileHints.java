package dev.vigil.agent.tooling;

import java.nio.charset.StandardCharsets;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A raw-bytes pre-filter in front of matchers that read a class's methods. Just before ByteBuddy matches a class, the
 * pool strategy ({@link TypePoolCache}) hands its class file to this thread; a matcher built by {@link #mentions} then
 * answers false, without ByteBuddy parsing the class, when none of its words occurs in the file. A class that declares a
 * method named {@code executeQuery} holds that name in its constant pool, so the filter never drops a real candidate:
 * it only spares the parse of the thousands of classes that cannot be one. Any other class (a super type resolved
 * while matching, a class whose file was not at hand) passes.
 */
public final class ClassFileHints {
  private static final ThreadLocal<Current> CURRENT = ThreadLocal.withInitial(Current::new);

  private ClassFileHints() {}

  /** The class about to be matched on this thread, and its file (null when unknown). */
  static void matching(String typeName, byte[] classFile) {
    Current c = CURRENT.get();
    c.name = typeName;
    c.bytes = classFile;
  }

  /** Passes a type unless it is the class being matched and its file contains none of {@code words} (ASCII). */
  public static ElementMatcher.Junction<TypeDescription> mentions(String... words) {
    byte[][] patterns = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      patterns[i] = words[i].getBytes(StandardCharsets.US_ASCII);
    }
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        Current c = CURRENT.get();
        if (c.bytes == null || !type.getName().equals(c.name)) {
          return true;
        }
        for (byte[] p : patterns) {
          if (contains(c.bytes, p)) {
            return true;
          }
        }
        return false;
      }
    };
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    byte first = needle[0];
    int last = haystack.length - needle.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (haystack[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static final class Current {
    String name;
    byte[] bytes;
  }
}
