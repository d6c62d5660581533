package dev.vigil.agent.instrumentation.jedis;

import static net.bytebuddy.matcher.ElementMatchers.named;

import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;

/**
 * {@code appendCommand(CommandObject)} of pipelines ({@code Pipeline}, the cluster's {@code MultiNodePipelineBase}) and
 * transactions: each command is sent now and answered later, into the {@code Response} returned here; the recorder
 * times it until that response is set ({@link ResponseInstrumentation}).
 */
public final class PipelineInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("redis.clients.jedis.Pipeline", "redis.clients.jedis.Transaction",
        "redis.clients.jedis.MultiNodePipelineBase");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("appendCommand").and(takesArguments(1))
        .and(takesArgument(0, named("redis.clients.jedis.CommandObject")));
  }

  @Override
  public String adviceClass() {
    return AppendAdvice.class.getName();
  }

  public static final class AppendAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
      CallDepth.enter(CallDepth.REDIS);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(0) CommandObject<?> command, @Advice.Return Object response,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.REDIS) == 0 && error == null && response != null) {
        CommandArguments args = command.getArguments();
        Bridge.redis().queued(response, args.getCommand().getRaw(),
            Bridge.redis().captureKey() && args.size() > 1 ? args.get(1).getRaw() : null);
      }
    }
  }
}
