package dev.vigil.agent.profiler;

import dev.vigil.agent.logging.AgentLog;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Picks the engine on the first profile: async-profiler when allowed and loadable, else JFR, for good. Remembers why it
 * fell back, for the Mode attribute. Not thread-safe: the Profiler calls it under its lock.
 */
final class Engines {
  private final boolean nativeAllowed;
  private Engine engine;
  private String note = "";

  Engines(boolean nativeAllowed) {
    this.nativeAllowed = nativeAllowed;
  }

  Engine current() {
    if (engine == null) {
      if (!nativeAllowed) {
        useJfr("native library off: vigil.profiler.native=false");
      } else {
        try {
          Path lib = NativeLibrary.extract(Paths.get(System.getProperty("java.io.tmpdir")));
          try {
            engine = AsyncEngine.load(lib);
          } finally {
            NativeLibrary.delete(lib); // loaded (or not): the mapping stays, nothing is left on disk
          }
        } catch (Throwable t) {
          useJfr("async-profiler cannot load: " + t);
        }
      }
    }
    return engine;
  }

  /** Starts on the current engine; when async-profiler fails to start, switches to JFR and starts there. */
  Session start(ProfileEvent e, long interval, Path jfr, boolean continuous) throws Exception {
    Engine en = current();
    String mode;
    try {
      mode = en.start(e, interval, jfr);
    } catch (Exception | LinkageError failed) {
      if (en instanceof JfrEngine) {
        throw failed;
      }
      useJfr("async-profiler failed to start: " + failed.getMessage());
      en = engine;
      mode = en.start(e, interval, jfr);
    }
    return new Session(e, en, mode + note, jfr, interval, continuous);
  }

  private void useJfr(String why) {
    engine = new JfrEngine();
    note = " (" + why + ")";
    AgentLog.warn("profiler uses JFR execution samples: " + why);
  }
}
