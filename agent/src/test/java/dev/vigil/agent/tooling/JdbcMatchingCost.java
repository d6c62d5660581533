package dev.vigil.agent.tooling;

import dev.vigil.agent.instrumentation.jdbc.ConnectionInstrumentation;
import dev.vigil.agent.instrumentation.jdbc.StatementInstrumentation;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Start-up cost of the JDBC type matchers, as ByteBuddy pays it when a class loads: for every class of the given jars,
 * the pool strategy describes it from its own bytes and both JDBC matchers run; with and without the raw-bytes
 * pre-filter ({@link ClassFileHints}), against describing the class alone. Prints µs per class (best of the rounds).
 * Run: {@code java -cp target/test-classes:target/classes:<deps> dev.vigil.agent.tooling.JdbcMatchingCost a.jar b.jar}.
 * Not a test: it asserts nothing and times things.
 */
public final class JdbcMatchingCost {
  public static void main(String[] args) throws Exception {
    List<String> names = new ArrayList<>();
    List<byte[]> files = new ArrayList<>();
    for (String path : args) {
      try (JarFile jar = new JarFile(path)) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
          JarEntry entry = e.nextElement();
          String n = entry.getName();
          if (n.endsWith(".class") && !n.startsWith("META-INF") && !n.contains("module-info")) {
            try (InputStream in = jar.getInputStream(entry)) {
              names.add(n.substring(0, n.length() - 6).replace('/', '.'));
              files.add(in.readAllBytes());
            }
          }
        }
      }
    }
    List<ElementMatcher<TypeDescription>> matchers = Arrays.asList(new StatementInstrumentation().typeMatcher(),
        new ConnectionInstrumentation().typeMatcher());
    int passing = 0;
    ElementMatcher<TypeDescription> filter = ClassFileHints.mentions("execute", "prepare");
    for (int i = 0; i < names.size(); i++) {
      ClassFileHints.matching(names.get(i), files.get(i));
      passing += filter.matches(new TypeDescription.Latent(names.get(i), 0, null)) ? 1 : 0;
    }
    System.out.println("classes=" + names.size() + " passing the pre-filter=" + passing);
    for (String mode : new String[] {"describe-only", "matchers-no-prefilter", "matchers-prefilter"}) {
      double best = Double.MAX_VALUE;
      int matched = 0;
      for (int round = 0; round < 15; round++) {
        TypePoolCache cache = new TypePoolCache();
        matched = 0;
        long start = System.nanoTime();
        for (int i = 0; i < names.size(); i++) {
          ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(names.get(i), files.get(i)),
              ClassFileLocator.ForClassLoader.ofSystemLoader());
          TypePool pool = cache.typePool(locator, JdbcMatchingCost.class.getClassLoader(), names.get(i));
          if (!mode.equals("matchers-prefilter")) {
            ClassFileHints.matching(null, null);
          }
          TypeDescription type = pool.describe(names.get(i)).resolve();
          if (mode.equals("describe-only")) {
            matched += type.getName().length() > 0 ? 0 : 1;
            continue;
          }
          for (ElementMatcher<TypeDescription> m : matchers) {
            try {
              if (m.matches(type)) {
                matched++;
              }
            } catch (RuntimeException unresolvable) {
              // a super type outside these jars: ByteBuddy reports it and moves on
            }
          }
        }
        best = Math.min(best, (System.nanoTime() - start) / 1000.0 / names.size());
      }
      System.out.printf("%-22s %6.2f us/class  matched=%d%n", mode, best, matched);
    }
  }
}
