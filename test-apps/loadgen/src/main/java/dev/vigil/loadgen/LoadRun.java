package dev.vigil.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code open} and {@code closed} commands: drive load, then print the text report and write the JSON one. */
final class LoadRun {
  private LoadRun() {}

  static int run(boolean open, Args a) throws Exception {
    String method = a.get("method", "GET").toUpperCase(Locale.ROOT);
    List<Target> list = new ArrayList<>();
    for (String spec : a.all("target")) {
      list.add(Target.parse(spec, method));
    }
    Targets targets = new Targets(list);
    String body = a.get("body", null);
    RequestSpec spec = new RequestSpec(body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        (int) a.number("id-range", 100));
    double warmup = a.seconds("warmup", 5);
    double duration = a.seconds("duration", 30);
    int connections = (int) a.number("connections", open ? 64 : 8);
    long apdexNanos = (long) (a.seconds("apdex-t", 0.5) * 1e9);
    String pid = a.get("pid", null);
    ProcCpu cpu = pid == null ? null : new ProcCpu(Long.parseLong(pid), (long) a.number("clk-tck", 100));

    Clock clock = Clock.SYSTEM;
    long start = clock.nanoTime() + 20_000_000L; // senders are up before the first due time
    long warmupEnd = start + (long) (warmup * 1e9);
    Results results = new Results(targets, warmupEnd, apdexNanos);
    CpuWindow window = cpu == null ? null : CpuWindow.startAt(cpu, clock, warmupEnd);
    double rate = open ? Double.parseDouble(a.require("rate")) : 0;
    long measuredEnd;
    if (open) {
      Schedule schedule = new Schedule(start, rate, (long) (warmup * 1e9), (long) (duration * 1e9));
      ConnectionPool pool = new ConnectionPool(clock, targets, results, spec, connections);
      new OpenLoop(clock, schedule, targets, results).run(pool);
      measuredEnd = schedule.endNanos();
      pool.finish(30_000);
    } else {
      clock.sleepUntil(start);
      new ClosedLoop(clock, targets, results, spec).run(connections, warmupEnd + (long) (duration * 1e9));
      measuredEnd = clock.nanoTime();
    }
    long cpuMicros = window == null ? -1 : window.stop();
    double seconds = (measuredEnd - warmupEnd) / 1e9;

    RunReport report = new RunReport(open ? "open" : "closed", rate, connections, warmup, duration,
        results.total(seconds), results.byTarget(seconds), cpuMicros);
    report.printText(System.out);
    String out = a.get("out", null);
    if (out != null) {
      try (OutputStream o = Files.newOutputStream(Paths.get(out))) {
        report.writeJson(o);
      }
    }
    return 0;
  }

  /** Reads a process's CPU at the warm-up end, on its own thread so that the schedule never waits for it. */
  static final class CpuWindow {
    private final ProcCpu cpu;
    private final Thread thread;
    private volatile long startMicros = -1;

    private CpuWindow(ProcCpu cpu, Clock clock, long atNanos) {
      this.cpu = cpu;
      this.thread = new Thread(() -> {
        clock.sleepUntil(atNanos);
        try {
          startMicros = cpu.micros();
        } catch (IOException e) {
          startMicros = -1;
        }
      }, "cpu-window");
      thread.setDaemon(true);
    }

    static CpuWindow startAt(ProcCpu cpu, Clock clock, long atNanos) {
      CpuWindow w = new CpuWindow(cpu, clock, atNanos);
      w.thread.start();
      return w;
    }

    /** CPU microseconds the process used since the warm-up ended, or -1 when unreadable. */
    long stop() throws InterruptedException {
      thread.join();
      try {
        return startMicros < 0 ? -1 : cpu.micros() - startMicros;
      } catch (IOException e) {
        return -1;
      }
    }
  }

  static void printf(PrintStream out, String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
