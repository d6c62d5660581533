package dev.vigil.its;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import dev.vigil.its.apps.ProfiledApp;
import dev.vigil.its.support.AgentJvm;
import dev.vigil.its.support.ExternalTools;
import dev.vigil.its.support.HostileReport;
import dev.vigil.its.support.ListeningPorts;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile world around the profiler: the command line must open no port on the target's network interfaces, a
 * symbolic link planted where profiles go is refused, not followed, and no temporary directory outlives the JVM.
 */
class ProfilerHostileIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theProfileCommandLeavesNoListenerOnAnyInterfaceOfTheTarget(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(ListeningPorts.supported(), "needs Linux /proc/net/tcp");
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).withoutAgent().arg("spin").start()) {
      app.awaitReady();
      long pid = app.process().pid();
      Set<String> before = ListeningPorts.listeners(pid);
      ExternalTools.Result r = ProfilerAttachIT.cli("profile", Long.toString(pid), "--duration", "1s", "--out",
          tmp.resolve("cpu.collapsed").toString(), "prometheus.port=0");
      assertThat(r.exitCode).as(r.output).isZero();
      r = ProfilerAttachIT.cli("attach", Long.toString(pid));
      assertThat(r.exitCode).as(r.output).isZero();
      Set<String> after = ListeningPorts.listeners(pid);
      assertThat(ListeningPorts.nonLoopback(pid)).as("listeners after profile and attach: " + after).isEmpty();
      assertThat(after).as("one more listener: Vigil's /metrics, on loopback").hasSize(before.size() + 1);

      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid)); // what the command did before: JMX's local agent
      try {
        vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      Set<String> jmx = ListeningPorts.nonLoopback(pid);
      assertThat(jmx).as("the JDK's local JMX connector listens on every interface").hasSize(1);
      HostileReport.print("CLI profile and attach: listeners of the target", "the target served on", "a profile and an"
          + " attach (Vigil loaded by the first)", "listeners before " + before + ", after " + after, "nothing: 0"
          + " listeners off loopback (JMX's local connector, used before, left " + jmx + ")");
    }
  }

  @Test
  void aSymbolicLinkPlantedForTheProfilerDirectoryOrOutputIsRefused(@TempDir Path tmp) throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Path plantedDir = Files.createSymbolicLink(tmp.resolve("profiles"), elsewhere);
    Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    Path precious = Files.writeString(tmp.resolve("precious.txt"), "keep me");
    Path plantedOut = Files.createSymbolicLink(tmp.resolve("out.html"), precious);
    Path privateDir = tmp.resolve("private");
    List<String> refusals = new ArrayList<>();
    for (Path dir : List.of(plantedDir, open)) {
      try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).sysProp("vigil.profiler.dir", dir.toString()).start()) {
        app.awaitReady();
        ExternalTools.Result r = ProfilerAttachIT.cli("profile", Long.toString(app.process().pid()), "--duration", "1s", "--out",
            tmp.resolve("cpu.html").toString());
        assertThat(r.exitCode).as(r.output).isEqualTo(1);
        assertThat(r.output).contains("profile refused: vigil.profiler.dir " + dir)
            .contains(dir == open ? "is open to other users (rwxr-xr-x)" : "is a symbolic link");
        refusals.add(r.output.trim());
      }
    }
    assertThat(elsewhere).isEmptyDirectory();
    assertThat(open).isEmptyDirectory();
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).arg("spin")
        .sysProp("vigil.profiler.dir", privateDir.toString()).start()) {
      app.awaitReady();
      String pid = Long.toString(app.process().pid());
      ExternalTools.Result r = ProfilerAttachIT.cli("profile", pid, "--duration", "1s", "--out", plantedOut.toString());
      assertThat(r.exitCode).isEqualTo(1);
      assertThat(r.output).contains("profile refused: " + plantedOut + " is a symbolic link").doesNotContain("profiling");
      refusals.add(r.output.trim());
      assertThat(Files.readString(precious)).isEqualTo("keep me");
      r = ProfilerAttachIT.cli("profile", pid, "--duration", "1s", "--out", tmp.resolve("cpu.jfr").toString());
      assertThat(r.exitCode).as(r.output).isZero();
    }
    assertThat(mode(privateDir)).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(privateDir)) {
      assertThat(files.collect(Collectors.toList())).isNotEmpty().allSatisfy(f -> assertThat(mode(f))
          .isEqualTo("rw-------"));
    }
    assertThat(mode(tmp.resolve("cpu.jfr"))).isEqualTo("rw-------");
    HostileReport.print("planted symbolic links for the profiler", "the application ran on", "a link at"
        + " vigil.profiler.dir, a directory open to others, a link at --out", "3 profiles asked for", "nothing: "
        + refusals.size() + " refusals of one line each (\"" + refusals.get(0) + "\"); nothing written through a"
        + " link; files 0600 in a 0700 directory");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void noTemporaryDirectoryOutlivesTheJvmAfterSigterm(boolean nativeProfiler, @TempDir Path tmp) throws Exception {
    Path javaTmp = Files.createDirectory(tmp.resolve("java-tmp"));
    List<String> whileRunning;
    try (AgentJvm app = AgentJvm.builder(ProfiledApp.class).arg("spin").sysProp("java.io.tmpdir", javaTmp.toString())
        .sysProp("vigil.profiler.native", Boolean.toString(nativeProfiler))
        .sysProp("vigil.profiler.continuous", "true").sysProp("vigil.profiler.continuous.window", "1s")
        .sysProp("vigil.jmx.delay", "1s").start()) {
      app.awaitReady();
      ProfilerAttachIT.awaitProfile(app); // a window recorded: the native library and the profiles' directory used
      whileRunning = list(javaTmp);
      assertThat(whileRunning).as("the bootstrap jar's and the profiles' directories")
          .anyMatch(n -> n.startsWith("vigil-profiles-")).anyMatch(n -> n.matches("vigil-\\d+"));
      app.process().destroy(); // SIGTERM
      assertThat(app.waitForExit(WAIT)).isEqualTo(143);
    }
    assertThat(list(javaTmp)).as("left in java.io.tmpdir after SIGTERM").isEmpty();
    HostileReport.print("temporary directories after SIGTERM (" + (nativeProfiler ? "async-profiler" : "JFR") + ")",
        "continuous profiling in 1 s windows", "SIGTERM while profiling", whileRunning.size()
        + " entries in java.io.tmpdir while running " + whileRunning, "nothing: 0 entries left after exit");
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
