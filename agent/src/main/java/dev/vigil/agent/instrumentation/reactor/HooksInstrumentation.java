package dev.vigil.agent.instrumentation.reactor;

import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Hooks;

/**
 * Once Reactor's {@code Hooks} class is initialised (before the first operator is assembled: assembly reads its hooks),
 * {@link ReactorContextHook} is defined in Reactor's class loader and registers its operator hook.
 */
public final class HooksInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("reactor.core.publisher.Hooks");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isTypeInitializer();
  }

  @Override
  public String adviceClass() {
    return InitAdvice.class.getName();
  }

  public static final class InitAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit() {
      Object hook = Bridge.helpers().create(Hooks.class,
          "dev.vigil.agent.instrumentation.reactor.ReactorContextHook");
      if (hook instanceof Runnable) {
        ((Runnable) hook).run();
      }
    }
  }
}
