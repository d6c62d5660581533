package dev.vigil.agent.instrumentation.lettuce;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import dev.vigil.bootstrap.RedisCall;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code RedisChannelHandler.dispatch(RedisCommand)}: a command leaves for the server. The sync API waits on the
 * same future the async API returns, so one hook serves both: the call ends when the dispatched command completes
 * (its {@code onComplete} callback, on Lettuce's I/O thread), with its value or its error. A reactive command's
 * wrapper does not call back when it completed before the callback was added: then the advice ends it with its output.
 */
public final class DispatchInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.lettuce.core.RedisChannelHandler");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("dispatch").and(takesArguments(1))
        .and(takesArgument(0, named("io.lettuce.core.protocol.RedisCommand")));
  }

  @Override
  public String adviceClass() {
    return DispatchAdvice.class.getName();
  }

  public static final class DispatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RedisCall enter(@Advice.This Object connection, @Advice.Argument(0) RedisCommand<?, ?, ?> command) {
      if (CallDepth.enter(CallDepth.REDIS) != 0) {
        return null;
      }
      CommandArgs<?, ?> args = Bridge.redis().captureKey() ? command.getArgs() : null;
      return Bridge.redis().start(connection, command.getType().getBytes(),
          args != null ? args.getFirstEncodedKey() : null);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter RedisCall call, @Advice.Return Object dispatched,
        @Advice.Thrown Throwable error) {
      if (CallDepth.exit(CallDepth.REDIS) != 0 || call == null) {
        return;
      }
      if (error == null && dispatched instanceof CompleteableCommand) {
        ((CompleteableCommand<Object>) dispatched).onComplete(call);
        // A wrapper that completed before the callback was added never calls it: end with its value (once only).
        if (dispatched instanceof RedisCommand && ((RedisCommand<?, ?, ?>) dispatched).isDone()) {
          CommandOutput<?, ?, ?> output = ((RedisCommand<?, ?, ?>) dispatched).getOutput();
          call.end(output != null ? output.get() : null, null);
        }
      } else {
        call.end(null, error);
      }
    }
  }
}
