package dev.vigil.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** CPU time (user + system) a process has used, from {@code /proc/<pid>/stat}, in microseconds. */
final class ProcCpu {
  private final long pid;
  private final long ticksPerSecond;

  ProcCpu(long pid, long ticksPerSecond) {
    this.pid = pid;
    this.ticksPerSecond = ticksPerSecond;
  }

  long micros() throws IOException {
    return parseMicros(Files.readString(Paths.get("/proc", Long.toString(pid), "stat")), ticksPerSecond);
  }

  /** utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count from its ')'. */
  static long parseMicros(String stat, long ticksPerSecond) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 1_000_000L / ticksPerSecond;
  }
}
