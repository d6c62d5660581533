package dev.vigil.agent.otlp;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task on the thread that submits it. Given to OkHttp's dispatcher, it makes the SDK's "asynchronous" gRPC
 * calls run on the export thread that sends them: no dispatcher thread, and the send returns when the call is done.
 */
final class InlineExecutor extends AbstractExecutorService {
  static final InlineExecutor INSTANCE = new InlineExecutor();

  private InlineExecutor() {}

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return Collections.emptyList();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }
}
