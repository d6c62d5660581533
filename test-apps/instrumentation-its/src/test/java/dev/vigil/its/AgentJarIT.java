package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ClassFileInfo;
import dev.vigil.its.support.ExternalTools;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar, read as bytes (no agent class is ever loaded here): what it contains, its manifest, its main, and
 * the rules every advice class must keep, since ByteBuddy inlines advice into the application's own classes.
 */
class AgentJarIT {
  private static final String SHADED_ADVICE = "dev/vigil/shaded/bytebuddy/asm/Advice";
  /** Package roots advice may use: the JDK, the bridge and the instrumented libraries. Add a new library's root here. */
  private static final List<String> ALLOWED = List.of("java/", "javax/", "jakarta/", "com/sun/net/httpserver/",
      "dev/vigil/bootstrap/", "org/springframework/", "org/apache/catalina/", "org/apache/coyote/",
      "org/apache/tomcat/", "org/eclipse/jetty/", "io/undertow/", "com/zaxxer/hikari/", "org/postgresql/",
      "org/mariadb/jdbc/", "com/mysql/", "org/h2/", "redis/clients/jedis/", "io/lettuce/", "org/apache/http/",
      "org/apache/hc/", "okhttp3/", "org/glassfish/jersey/", "org/jboss/resteasy/", "io/netty/", "ch/qos/logback/",
      "org/apache/logging/log4j/", "org/slf4j/",
      "org/apache/commons/dbcp2/", "com/rabbitmq/client/", "io/grpc/", "org/apache/kafka/", "reactor/netty/",
      "reactor/core/");
  /**
   * Helpers: agent classes defined at run time in a library's class loader (tooling/HelperInjector), with their nested
   * classes. Like advice, they may use only java.*, the bridge and their library (package roots, comma-separated),
   * besides themselves.
   */
  private static final Map<String, String> HELPERS = Map.of(
      "dev/vigil/agent/instrumentation/grpc/GrpcServerInterceptor", "io/grpc/",
      "dev/vigil/agent/instrumentation/grpc/GrpcClientInterceptor", "io/grpc/",
      "dev/vigil/agent/instrumentation/kafka/KafkaSendTracing", "org/apache/kafka/",
      "dev/vigil/agent/instrumentation/kafka/KafkaConsumeTracing", "org/apache/kafka/",
      "dev/vigil/agent/instrumentation/netty/server/NettyServerHandler", "io/netty/",
      "dev/vigil/agent/instrumentation/reactor/ReactorContextHook", "reactor/core/,reactor/util/,org/reactivestreams/");
  /** Never from advice: the agent's own classes and what it bundles (not visible from the application's loaders). */
  private static final List<String> FORBIDDEN = List.of("dev/vigil/agent/", "dev/vigil/exporter/", "dev/vigil/shaded/",
      "net/bytebuddy/", "org/HdrHistogram/", "org/jctools/", "com/fasterxml/jackson/", "io/opentelemetry/");

  @Test
  void jarHoldsOnlyVigilAsyncProfilerNativeLibrariesAndMetaInf() throws Exception {
    List<String> outside = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        classes += name.endsWith(".class") ? 1 : 0;
        boolean allowed = name.startsWith("dev/vigil/") || name.equals("dev/") || name.startsWith("one/profiler/")
            || name.equals("one/") || name.startsWith("META-INF/") || isNativeLibrary(name);
        if (!allowed) {
          outside.add(name);
        }
      }
    }
    assertThat(classes).isGreaterThan(100);
    assertThat(outside).as("entries outside dev/vigil/, one/profiler/, native libraries and META-INF/ "
        + "(relocate them under dev.vigil.shaded in agent/pom.xml)").isEmpty();
  }

  /**
   * The jar is on the application's class path: a service file naming a type the application could load (OkHttp's,
   * the OpenTelemetry SDK's sender providers) would hand it the agent's copies. Only relocated services may be there.
   */
  @Test
  void everyServiceFileNamesOnlyRelocatedTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.startsWith("META-INF/services/") || entry.isDirectory()) {
          continue;
        }
        if (!name.startsWith("META-INF/services/dev.vigil.")) {
          leaks.add(name);
        }
        try (var in = jar.getInputStream(entry)) {
          for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            String type = line.replaceAll("#.*", "").trim();
            if (!type.isEmpty() && !type.startsWith("dev.vigil.")) {
              leaks.add(name + ": " + type);
            }
          }
        }
      }
      assertThat(jar.getEntry("dev/vigil/shaded/okhttp3/OkHttpClient.class")).as("OkHttp, relocated").isNotNull();
    }
    assertThat(leaks).as("service files or providers outside dev.vigil").isEmpty();
  }

  @Test
  void asyncProfilerShipsUnrelocatedWithItsNativeLibraries() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      assertThat(jar.getEntry("one/profiler/AsyncProfiler.class")).as("JNI names bind to one.profiler").isNotNull();
      for (String platform : List.of("linux-x64", "linux-arm64", "macos")) {
        JarEntry lib = jar.getJarEntry("META-INF/vigil/native/" + platform + "/libasyncProfiler.so");
        assertThat(lib).as(platform).isNotNull();
        assertThat(lib.getSize()).as(platform).isGreaterThan(100_000);
      }
      assertThat(jar.stream().map(JarEntry::getName)).noneMatch(n -> n.startsWith("dev/vigil/shaded/one/"))
          .noneMatch(n -> n.startsWith("linux-") || n.startsWith("macos/"));
    }
  }

  private static boolean isNativeLibrary(String name) {
    return name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll") || name.endsWith(".jnilib");
  }

  @Test
  void manifestMakesItAnAgentAndAProgram() throws Exception {
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      Attributes m = jar.getManifest().getMainAttributes();
      assertThat(m.getValue("Premain-Class")).isEqualTo("dev.vigil.agent.VigilAgent");
      assertThat(m.getValue("Agent-Class")).isEqualTo("dev.vigil.agent.VigilAgent");
      assertThat(m.getValue("Main-Class")).isEqualTo("dev.vigil.agent.VigilAgent");
      assertThat(m.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(m.getValue("Implementation-Version")).isNotBlank();
      assertThat(jar.getEntry("dev/vigil/agent/VigilAgent.class")).isNotNull();
      assertThat(jar.getEntry("META-INF/vigil/vigil-agent-bootstrap.jar")).as("the bridge, for the bootstrap path")
          .isNotNull();
      assertThat(jar.getEntry("dev/vigil/bootstrap/Bridge.class")).as("the bridge is never a plain class here")
          .isNull();
      assertThat(jar.getEntry("META-INF/vigil/vigil-agent-otel-bridge.jar"))
          .as("the classes bridging the application's own OpenTelemetry API, unrelocated").isNotNull();
      assertThat(jar.getEntry("dev/vigil/otelbridge/BridgeStorage.class")).as("never a plain class here").isNull();
    }
  }

  @Test
  void runningTheJarPrintsVersionAndUsage() throws Exception {
    String version;
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ExternalTools.Result r = ExternalTools.run(List.of(java, "-jar", AgentJvm.agentJar().toString()), "");
    assertThat(r.exitCode).as(r.output).isZero();
    assertThat(r.output).contains("Vigil " + version).contains("Usage:").contains("-javaagent:vigil-agent.jar");
  }

  @Test
  void everyAdviceSuppressesThrowablesAndUsesOnlyTheJdkTheBridgeAndTheLibrary() throws Exception {
    List<String> problems = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.endsWith("Advice.class") || name.startsWith("dev/vigil/shaded/") || !name.startsWith("dev/vigil/")) {
          continue;
        }
        ClassFileInfo info;
        try (var in = jar.getInputStream(entry)) {
          info = ClassFileInfo.read(in.readAllBytes());
        }
        checked.add(info.name);
        check(info, problems);
      }
    }
    assertThat(checked).as("advice classes found").contains(
        "dev/vigil/agent/instrumentation/jdkhttp/FilterChainInstrumentation$DoFilterAdvice");
    assertThat(problems).as("advice rules (docs: DESIGN.md, Advice) broken in " + checked).isEmpty();
  }

  @Test
  void everyHelperUsesOnlyTheJdkTheBridgeItselfAndItsLibrary() throws Exception {
    List<String> problems = new ArrayList<>();
    Set<String> checked = new TreeSet<>();
    try (JarFile jar = new JarFile(AgentJvm.agentJar().toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        for (Map.Entry<String, String> helper : HELPERS.entrySet()) {
          if (name.equals(helper.getKey() + ".class") || name.startsWith(helper.getKey() + "$")) {
            ClassFileInfo info;
            try (var in = jar.getInputStream(jar.getEntry(name))) {
              info = ClassFileInfo.read(in.readAllBytes());
            }
            checked.add(info.name);
            Set<String> used = new TreeSet<>(info.usedTypes);
            info.methods.forEach(m -> used.addAll(m.usedTypes));
            for (String type : used) {
              if (!type.startsWith("java/") && !type.startsWith("dev/vigil/bootstrap/")
                  && !startsWithAny(type, helper.getValue().split(",")) && !type.equals(helper.getKey())
                  && !type.startsWith(helper.getKey() + "$")) {
                problems.add(info.name + " uses " + type);
              }
            }
          }
        }
      }
    }
    assertThat(checked).as("helper classes found").contains(HELPERS.keySet().toArray(new String[0]))
        .contains("dev/vigil/agent/instrumentation/grpc/GrpcServerInterceptor$TracedListener");
    assertThat(problems).as("helpers are defined in the library's class loader, which sees no other agent class")
        .isEmpty();
  }

  private static boolean startsWithAny(String type, String[] roots) {
    for (String root : roots) {
      if (type.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  private static void check(ClassFileInfo c, List<String> problems) {
    int adviceMethods = 0;
    for (ClassFileInfo.Method m : c.methods) {
      ClassFileInfo.Annotation enter = m.annotation("Advice$OnMethodEnter;");
      ClassFileInfo.Annotation exit = m.annotation("Advice$OnMethodExit;");
      if (enter == null && exit == null) {
        continue;
      }
      adviceMethods++;
      String where = c.name + "." + m.name;
      ClassFileInfo.Annotation a = enter != null ? enter : exit;
      if (!"Ljava/lang/Throwable;".equals(a.values.get("suppress"))) {
        problems.add(where + ": suppress = Throwable.class is missing (" + a + ")");
      }
      // ByteBuddy cannot catch around a constructor, so constructor advice (named *ConstructorAdvice) has no onThrowable.
      if (exit != null && !c.name.endsWith("ConstructorAdvice")
          && !"Ljava/lang/Throwable;".equals(exit.values.get("onThrowable"))) {
        problems.add(where + ": onThrowable = Throwable.class is missing (" + exit + ")");
      }
      if (!m.isStatic()) {
        problems.add(where + ": advice methods must be static");
      }
      for (ClassFileInfo.Annotation any : m.annotations) {
        if (!isAllowedAnnotationType(any.type)) {
          problems.add(where + ": annotation " + any.type + " is not an Advice annotation");
        }
        for (String type : any.referencedTypes) {
          if (!isAllowedAnnotationType(type) && !type.startsWith("Ldev/vigil/shaded/bytebuddy/implementation/bytecode/assign/Assigner$Typing")) {
            problems.add(where + ": annotation value names " + type);
          }
        }
      }
    }
    if (adviceMethods == 0) {
      problems.add(c.name + ": no @OnMethodEnter or @OnMethodExit method");
    }
    if (!c.fields.isEmpty()) {
      problems.add(c.name + ": advice has fields " + c.fields);
    }
    if (c.usesInvokeDynamic) {
      problems.add(c.name + ": advice uses invokedynamic (a lambda or string concatenation)");
    }
    List<String> used = new ArrayList<>(c.usedTypes);
    for (ClassFileInfo.Method m : c.methods) {
      if (m.annotation("Advice$OnMethodEnter;") != null || m.annotation("Advice$OnMethodExit;") != null) {
        used.addAll(m.usedTypes); // only these bodies are inlined into the application's classes
      }
    }
    for (String type : used) {
      if (FORBIDDEN.stream().anyMatch(type::startsWith) && !type.startsWith("dev/vigil/bootstrap/")) {
        problems.add(c.name + ": advice uses " + type + ", which the application's class loaders cannot see");
      } else if (ALLOWED.stream().noneMatch(type::startsWith)) {
        problems.add(c.name + ": advice uses " + type + ", outside java.*, the bridge and the instrumented libraries"
            + " (if it is an instrumented library, add its package root to AgentJarIT.ALLOWED)");
      }
    }
  }

  /** Annotation descriptors: the relocated ByteBuddy Advice annotations, or java.* ones. */
  private static boolean isAllowedAnnotationType(String descriptor) {
    return descriptor.startsWith("L" + SHADED_ADVICE + "$") || descriptor.startsWith("Ljava/");
  }
}
