package dev.vigil.agent.instrumentation.jedis;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.RedisCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;

/**
 * {@code Connection.executeCommand(CommandObject)}: every command of {@code Jedis}, {@code UnifiedJedis},
 * {@code JedisPooled} and the cluster clients, from send to built reply. Only the command's name leaves the advice
 * (and the first key when key capture is on).
 */
public final class ConnectionInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("redis.clients.jedis.Connection");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("executeCommand").and(takesArguments(1))
        .and(takesArgument(0, named("redis.clients.jedis.CommandObject")));
  }

  @Override
  public String adviceClass() {
    return ExecuteAdvice.class.getName();
  }

  public static final class ExecuteAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RedisCall enter(@Advice.This Connection connection, @Advice.Argument(0) CommandObject<?> command) {
      if (CallDepth.enter(CallDepth.REDIS) != 0) {
        return null;
      }
      CommandArguments args = command.getArguments();
      return Bridge.redis().start(connection, args.getCommand().getRaw(),
          Bridge.redis().captureKey() && args.size() > 1 ? args.get(1).getRaw() : null);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter RedisCall call, @Advice.Return Object reply, @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.REDIS) == 0 && call != null) {
        call.end(reply, error);
      }
    }
  }
}
