package dev.vigil.agent.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentFramesTest {
  @Test
  void recorderCodeAndTheJdkCodeItCallsAreTheAgents() {
    assertThat(inAgent("dev.vigil.agent.signals.BucketHistogram.record", "dev.vigil.agent.recording.HttpServerRecorder$Call.end",
        "com.sun.net.httpserver.Filter$Chain.doFilter", "sun.net.httpserver.ServerImpl$Exchange.run")).isTrue();
    assertThat(inAgent("java.util.concurrent.ConcurrentHashMap.putVal", "dev.vigil.agent.recording.WeakIdentityMap.put",
        "com.zaxxer.hikari.pool.HikariProxyConnection.prepareStatement", "dev.vigil.shop.db.ProductRepository.find"))
        .isTrue();
    assertThat(inAgent("dev.vigil.shaded.otel.sdk.trace.SdkSpan.end", "dev.vigil.agent.recording.ServerSpans.end"))
        .isTrue();
  }

  @Test
  void applicationCodeCalledByARecorderIsTheAgents() {
    assertThat(inAgent("org.apache.catalina.connector.Request.getHeader", "jdk.internal.reflect.GeneratedMethodAccessor3.invoke",
        "dev.vigil.agent.recording.ServerRequests$Accessor.call", "org.apache.catalina.core.StandardWrapperValve.invoke"))
        .isTrue();
  }

  @Test
  void theApplicationsCodeIsNotTheAgentsEvenInsideTheAgentsWrapper() {
    assertThat(inAgent("dev.vigil.shop.db.ProductRepository.find", "dev.vigil.shop.http.ProductsHandler.handle",
        "com.sun.net.httpserver.Filter$Chain.doFilter")).isFalse();
    assertThat(inAgent("sun.net.httpserver.Request.readLine", "sun.net.httpserver.ServerImpl$Exchange.run",
        "dev.vigil.bootstrap.ContextRunnable.run", "java.util.concurrent.ThreadPoolExecutor.runWorker")).isFalse();
    assertThat(inAgent("com.example.Task.call", "dev.vigil.bootstrap.ContextCallable.call",
        "java.util.concurrent.FutureTask.run", "dev.vigil.bootstrap.ContextFuture.run")).isFalse();
    assertThat(inAgent("java.lang.Thread.sleep", "java.lang.Thread.run")).as("JDK only").isFalse();
  }

  @Test
  void theWrappersOwnBookkeepingIsTheAgents() {
    assertThat(inAgent("dev.vigil.bootstrap.ContextRunnable.done", "dev.vigil.bootstrap.ContextRunnable.run",
        "java.util.concurrent.ThreadPoolExecutor.runWorker")).isTrue();
  }

  /** Frames from the top down, each "type.method". */
  private static boolean inAgent(String... frames) {
    String[] types = new String[frames.length];
    String[] methods = new String[frames.length];
    for (int i = 0; i < frames.length; i++) {
      int dot = frames[i].lastIndexOf('.');
      types[i] = frames[i].substring(0, dot);
      methods[i] = frames[i].substring(dot + 1);
    }
    return AgentFrames.inAgent(types, methods, frames.length);
  }
}
