package dev.vigil.agent.instrumentation.hikaricp;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** HikariCP pools: found when built, forgotten when shut down; borrow waits timed. */
public final class HikariCpModule implements InstrumentationModule {
  static final String POOL = "com.zaxxer.hikari.pool.HikariPool";

  @Override
  public String name() {
    return "hikaricp";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(POOL);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new PoolStartInstrumentation(), new PoolBorrowInstrumentation(), new PoolShutdownInstrumentation());
  }
}
