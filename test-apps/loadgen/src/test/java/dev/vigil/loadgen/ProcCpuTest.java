package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcCpuTest {
  @Test
  void addsUserAndSystemTicksAfterACommandNameWithSpacesAndParens() {
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 30 0 100 0 0";
    assertThat(ProcCpu.parseMicros(stat, 100)).isEqualTo(3_000_000L);
  }

  @Test
  void readsThisProcess() throws Exception {
    long pid = ProcessHandle.current().pid();
    assertThat(new ProcCpu(pid, 100).micros()).isPositive();
  }
}
