package dev.vigil.agent.instrumentation.dbcp2;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Apache Commons DBCP2 {@code BasicDataSource}: the pool found when created, forgotten when closed; borrows timed. */
public final class Dbcp2Module implements InstrumentationModule {
  static final String DATA_SOURCE = "org.apache.commons.dbcp2.BasicDataSource";

  @Override
  public String name() {
    return "dbcp2";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(DATA_SOURCE, "org.apache.commons.dbcp2.DataSourceMXBean");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new DataSourceInstrumentation.Create(), new DataSourceInstrumentation.Borrow(),
        new DataSourceInstrumentation.Close());
  }
}
