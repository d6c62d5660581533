package dev.vigil.agent.instrumentation.jdbc;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** JDBC, any driver and any pool proxy: statements' executions and the SQL given when they were prepared. */
public final class JdbcModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("java.sql.Statement");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new StatementInstrumentation(), new ConnectionInstrumentation());
  }
}
