package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.Http;
import dev.vigil.its.support.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The short version of scripts/startup-stress.sh: every server test app started a few times with the agent while a
 * busy thread holds a core, its first request sent the moment it listens. No start may show an Error in any thread
 * (the ClassCircularityError a background installer once caused), an agent ERROR or an instrumentation that failed.
 * {@code -Dvigil.stress.runs=N} starts each app N times (default 1: ten starts; the script runs many more).
 */
class StartupStressIT {
  static final Pattern BAD = Pattern.compile(
      "(^|[^A-Za-z])[A-Z][A-Za-z]*Error([^A-Za-z]|$)|Exception in thread|^\\[vigil\\] ERROR|cannot instrument");
  private static final String[][] APPS = {
    {"servers/jetty9", "org.example.servers.jetty9.Jetty9App", "/app/hello"},
    {"servers/jetty10", "org.example.servers.jetty10.Jetty10App", "/app/hello"},
    {"servers/jetty12", "org.example.servers.jetty12.Jetty12App", "/app/hello"},
    {"servers/tomcat9", "org.example.servers.tomcat9.Tomcat9App", "/app/hello"},
    {"servers/tomcat10", "org.example.servers.tomcat10.TomcatJakartaApp", "/app/hello"},
    {"servers/tomcat11", "org.example.servers.tomcat10.TomcatJakartaApp", "/app/hello"},
    {"servers/undertow", "org.example.servers.undertow.UndertowApp", "/app/hello"},
    {"servers/spring5", "org.example.servers.spring5.Spring5App", "/petclinic/api/vets/1/specialties/surgery"},
    {"shop", null, "/products"},
    {"spring-shop", "org.springframework.boot.loader.launch.JarLauncher", "/owners/1"},
  };

  @Test
  void noStartShowsAnErrorWhileAnotherCoreIsBusy() throws Exception {
    int runs = Integer.getInteger("vigil.stress.runs", 1);
    AtomicBoolean stop = new AtomicBoolean();
    Thread busy = new Thread(() -> {
      long x = 0;
      while (!stop.get()) {
        x += System.nanoTime() % 7;
      }
      if (x == 42) {
        System.out.print("");
      }
    }, "busy-core");
    busy.setDaemon(true);
    busy.start();
    int starts = 0;
    try {
      for (String[] app : APPS) {
        for (int i = 0; i < runs; i++) {
          try (AgentJvm jvm = start(app)) {
            int port = Integer.parseInt(jvm.awaitLine(l -> l.startsWith("READY "), Duration.ofSeconds(120))
                .substring("READY ".length()).trim());
            assertThat(Http.get("http://127.0.0.1:" + port + app[2]).statusCode()).as(app[0]).isEqualTo(200);
            jvm.awaitLine(l -> l.startsWith("[vigil] INFO started") || l.startsWith("[vigil] ERROR"),
                Duration.ofSeconds(60));
            List<String> bad = jvm.output().lines().filter(l -> BAD.matcher(l).find()).collect(Collectors.toList());
            assertThat(bad).as(app[0] + " start " + (i + 1) + ":\n" + jvm.output()).isEmpty();
            starts++;
          }
        }
      }
    } finally {
      stop.set(true);
    }
    HostileReport.print("start-up race (" + APPS.length + " server apps, a busy core)", starts + " starts served",
        "class loading concurrent with the agent's start-up", starts + " starts", "none");
  }

  private static AgentJvm start(String[] app) throws Exception {
    if (app[1] == null) {
      return AgentJvm.builderForJar(TestApps.file("shop", "target/vigil-shop.jar")).sysProp("shop.port", "0").start();
    }
    String classpath = app[0].equals("spring-shop") ? TestApps.file("spring-shop", "target/spring-shop.jar").toString()
        : TestApps.classpath(app[0]);
    return AgentJvm.builder(app[1]).classpath(classpath).start();
  }
}
