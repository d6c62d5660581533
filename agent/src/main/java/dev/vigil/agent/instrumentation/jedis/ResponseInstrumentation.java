package dev.vigil.agent.instrumentation.jedis;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;

import net.bytebuddy.matcher.ElementMatcher;

/** {@code Response.set(Object)}: the raw reply of a pipelined or transactional command arrived (nil is null). */
public final class ResponseInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("redis.clients.jedis.Response");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("set").and(takesArguments(1));
  }

  @Override
  public String adviceClass() {
    return SetAdvice.class.getName();
  }

  public static final class SetAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object response, @Advice.Argument(0) Object reply) {
      Bridge.redis().replied(response, reply);
    }
  }
}
