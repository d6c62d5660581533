package dev.vigil.agent.profiler;

import java.nio.file.Path;
import one.profiler.AsyncProfiler;

/** async-profiler through its Java API; cpu (perf_events) falls back to itimer when the kernel does not allow it. */
final class AsyncEngine implements Engine {
  private final AsyncProfiler profiler;

  private AsyncEngine(AsyncProfiler profiler) {
    this.profiler = profiler;
  }

  /** Loads the native library from {@code library} (through this class's loader, which defines one.profiler). */
  static AsyncEngine load(Path library) {
    AsyncEngine engine = new AsyncEngine(AsyncProfiler.getInstance(library.toString()));
    engine.profiler.getVersion(); // a first native call: fails here, not in the middle of a start
    return engine;
  }

  String version() {
    return profiler.getVersion();
  }

  @Override
  public String start(ProfileEvent event, long intervalNanos, Path jfr) throws Exception {
    String out = ",jfr,file=" + jfr;
    switch (event) {
      case CPU:
        try {
          execute("start,event=cpu,interval=" + intervalNanos + out);
          return "async-profiler cpu";
        } catch (Exception perfEventsDenied) {
          execute("start,event=itimer,interval=" + intervalNanos + out);
          return "async-profiler itimer (perf_events not allowed: " + perfEventsDenied.getMessage() + ")";
        }
      case ITIMER:
      case CTIMER:
        execute("start,event=" + event.id() + ",interval=" + intervalNanos + out);
        break;
      case WALL:
        execute("start,event=wall,interval=" + Math.max(intervalNanos, 5_000_000L) + out);
        break;
      case ALLOC:
        execute("start,event=alloc" + out);
        break;
      default:
        execute("start,event=lock" + out);
    }
    return "async-profiler " + event.id();
  }

  @Override
  public void stop() throws Exception {
    execute("stop");
  }

  private void execute(String command) throws Exception {
    profiler.execute(command);
  }
}
