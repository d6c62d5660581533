package dev.vigil.agent.instrumentation;

import dev.vigil.agent.instrumentation.dbcp2.Dbcp2Module;
import dev.vigil.agent.instrumentation.hikaricp.HikariCpModule;
import dev.vigil.agent.instrumentation.jdbc.JdbcModule;
import dev.vigil.agent.instrumentation.jedis.JedisModule;
import dev.vigil.agent.instrumentation.jdkhttp.JdkHttpServerModule;
import dev.vigil.agent.instrumentation.lettuce.LettuceModule;
import dev.vigil.agent.instrumentation.servlet.jakarta.ServletJakartaModule;
import dev.vigil.agent.instrumentation.servlet.javax.ServletJavaxModule;
import dev.vigil.agent.instrumentation.spring.webmvc.SpringWebMvcModule;
import dev.vigil.agent.tooling.InstrumentationModule;
import java.util.List;

/** Every instrumentation module the agent knows. A plain list: no service loading at start-up. */
public final class InstrumentationModules {
  private InstrumentationModules() {}

  public static List<InstrumentationModule> all() {
    return List.of(new JdkHttpServerModule(),
        new ServletJavaxModule(),
        new ServletJakartaModule(),
        new SpringWebMvcModule(),
        new JdbcModule(),
        new HikariCpModule(),
        new JedisModule(),
        new LettuceModule(),
        new Dbcp2Module());
  }
}
