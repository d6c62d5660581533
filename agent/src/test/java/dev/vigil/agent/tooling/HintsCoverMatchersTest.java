package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.instrumentation.InstrumentationModules;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/**
 * The raw-bytes pre-filter never drops a class that an instrumentation would advise: every class of the instrumented
 * libraries (the jars the agent compiles against) and of the instrumented JDK packages that some type matcher matches,
 * with a declared method its method matcher matches, passes that instrumentation's hint. Also shows how few pass.
 */
class HintsCoverMatchersTest {
  private static final String[] LIBRARIES = {"javax.servlet-api", "jakarta.servlet-api", "spring-webmvc", "HikariCP",
    "httpclient5", "httpclient-4", "okhttp-", "logback-classic", "log4j-core", "jedis", "lettuce-core",
    "commons-dbcp2", "amqp-client", "kafka-clients", "grpc-api", "netty-codec-http", "spring-webflux", "jersey-server",
    "resteasy-core"};
  private static final String[] JDK_PACKAGES = {"/modules/java.base/java/util/concurrent",
    "/modules/jdk.httpserver/com/sun/net/httpserver", "/modules/java.base/sun/net/www/protocol/http",
    "/modules/java.net.http/jdk/internal/net/http"};

  @Test
  void everyAdvisedClassPassesItsHint() throws IOException {
    List<TypeInstrumentation> all = new ArrayList<>();
    List<ClassHint> hints = new ArrayList<>();
    for (InstrumentationModule module : InstrumentationModules.all()) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        all.add(type);
        hints.add(type.classHint());
      }
    }
    HintIndex index = new HintIndex(hints);
    TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofSystemLoader());
    int classes = 0;
    int passed = 0;
    int advised = 0;
    List<String> dropped = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : classFiles()) {
      String name = file.getKey();
      if (IgnoredTypes.ignored(name)) {
        continue;
      }
      classes++;
      int[] candidates = index.candidates(name, file.getValue());
      passed += candidates == null ? 0 : 1;
      for (int i = 0; i < all.size(); i++) {
        if (contains(candidates, i) || !advises(all.get(i), pool, name.replace('/', '.'))) {
          continue;
        }
        dropped.add(name + " (" + all.get(i).getClass().getSimpleName() + ")");
      }
      advised += advisedByAny(all, pool, name.replace('/', '.'), candidates) ? 1 : 0;
    }
    assertThat(classes).isGreaterThan(5_000);
    assertThat(advised).isGreaterThan(20);
    assertThat(dropped).isEmpty();
    assertThat(passed).as("the pre-filter spares most classes").isLessThan(classes / 20);
  }

  private static boolean advisedByAny(List<TypeInstrumentation> all, TypePool pool, String name, int[] candidates) {
    if (candidates == null) {
      return false;
    }
    for (int i : candidates) {
      if (advises(all.get(i), pool, name)) {
        return true;
      }
    }
    return false;
  }

  /** What the weaver decides: the type matcher matches and some declared method gets the advice. */
  private static boolean advises(TypeInstrumentation instrumentation, TypePool pool, String name) {
    try {
      TypeDescription type = pool.describe(name).resolve();
      if (!instrumentation.typeMatcher().matches(type)) {
        return false;
      }
      for (MethodDescription method : type.getDeclaredMethods()) {
        if (instrumentation.methodMatcher().matches(method)) {
          return true;
        }
      }
      return false;
    } catch (IllegalStateException unresolvable) { // a super type from an optional dependency that is not here
      return false;
    }
  }

  private static boolean contains(int[] candidates, int i) {
    if (candidates != null) {
      for (int c : candidates) {
        if (c == i) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Map.Entry<String, byte[]>> classFiles() throws IOException {
    List<Map.Entry<String, byte[]>> files = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String jar = new File(entry).getName();
      if (Stream.of(LIBRARIES).noneMatch(jar::startsWith) || !jar.endsWith(".jar")) {
        continue;
      }
      try (JarFile file = new JarFile(entry)) {
        for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
          JarEntry je = e.nextElement();
          String n = je.getName();
          if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class")) {
            files.add(Map.entry(n.substring(0, n.length() - 6), file.getInputStream(je).readAllBytes()));
          }
        }
      }
    }
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    for (String pkg : JDK_PACKAGES) {
      try (Stream<Path> paths = Files.walk(jrt.getPath(pkg))) {
        for (Path p : (Iterable<Path>) paths.filter(x -> x.toString().endsWith(".class"))::iterator) {
          String n = p.toString().substring(p.getName(0).toString().length() + p.getName(1).toString().length() + 3);
          files.add(Map.entry(n.substring(0, n.length() - 6), Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }
}
