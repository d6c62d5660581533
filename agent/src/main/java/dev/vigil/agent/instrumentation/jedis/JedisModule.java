package dev.vigil.agent.instrumentation.jedis;

import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import java.util.List;

/** Jedis 4 and later (every command is a {@code CommandObject}): commands, pipelines and transactions. */
public final class JedisModule implements InstrumentationModule {
  @Override
  public String name() {
    return "jedis";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of("redis.clients.jedis.CommandObject", "redis.clients.jedis.CommandArguments");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new ConnectionInstrumentation(), new PipelineInstrumentation(), new ResponseInstrumentation());
  }
}
