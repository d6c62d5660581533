package dev.vigil.agent.instrumentation.netty.eventloop;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.InstrumentationModule;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ExecutorHandler;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Netty 4.1 and 4.2 event loop groups ({@code MultithreadEventExecutorGroup}: a server's boss and worker loops, Reactor
 * Netty's, a client's): registered when made, read on scrape as pools of loops and the tasks waiting in them.
 */
public final class NettyEventLoopModule implements InstrumentationModule, TypeInstrumentation {
  static final String GROUP = "io.netty.util.concurrent.MultithreadEventExecutorGroup";

  @Override
  public String name() {
    return "netty-event-loops";
  }

  @Override
  public List<String> requiredClasses() {
    return List.of(GROUP, "io.netty.util.concurrent.SingleThreadEventExecutor");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(this);
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(GROUP);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return isConstructor();
  }

  @Override
  public String adviceClass() {
    return GroupConstructorAdvice.class.getName();
  }

  public static final class GroupConstructorAdvice {
    // No onThrowable: ByteBuddy cannot catch around a constructor.
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object group) {
      Bridge.executors().observe(group, ExecutorHandler.KIND_NETTY);
    }
  }
}
