package dev.vigil.agent.instrumentation.executors;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;

/** JDK executors (java.util.concurrent): context across hand-offs, queue wait and run time, pool gauges. */
public final class ExecutorsModule implements InstrumentationModule {
  @Override
  public String name() {
    return "executors";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(ThreadPoolExecutorInstrumentation.TPE);
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<TypeInstrumentation> all = new ArrayList<>(ThreadPoolExecutorInstrumentation.hooks());
    all.addAll(ScheduledThreadPoolInstrumentation.hooks());
    all.addAll(ForkJoinInstrumentation.hooks());
    return all;
  }
}
