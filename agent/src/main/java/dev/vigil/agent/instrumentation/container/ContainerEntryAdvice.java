package dev.vigil.agent.instrumentation.container;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.CallDepth;
import net.bytebuddy.asm.Advice;

/**
 * On a servlet container's outermost entry for a request (Tomcat, Jetty, Undertow): holds
 * {@link CallDepth#SERVER_CONTAINER} so that the request's context stays current until the container is done with it,
 * and lets go of it when the outermost entry returns. Counts nothing: the servlet modules count.
 */
public final class ContainerEntryAdvice {
  private ContainerEntryAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void enter() {
    CallDepth.enter(CallDepth.SERVER_CONTAINER);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit() {
    if (CallDepth.exit(CallDepth.SERVER_CONTAINER) == 0) {
      Bridge.httpServer().containerDone();
    }
  }
}
