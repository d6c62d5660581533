package dev.vigil.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.VigilConfig;
import dev.vigil.agent.support.CapturedStderr;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the resource says about the process, and which source wins. */
class ResourceDetectorTest {
  private static final String ID = "3c8b2b1d5f7e4a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";

  @TempDir
  Path dir;

  @Test
  void containerIdFromCgroupV1Lines() {
    assertThat(ContainerId.fromCgroup(List.of("12:pids:/docker/" + ID))).isEqualTo(ID);
    assertThat(ContainerId.fromCgroup(List.of("11:devices:/system.slice/docker-" + ID + ".scope"))).isEqualTo(ID);
    assertThat(ContainerId.fromCgroup(List.of(
        "1:name=systemd:/kubepods/besteffort/pod5e6f/cri-containerd-" + ID + ".scope"))).isEqualTo(ID);
    assertThat(ContainerId.fromCgroup(List.of("5:cpu:/kubepods.slice/kubepods-pod1.slice/crio-" + ID + ".scope")))
        .isEqualTo(ID);
    assertThat(ContainerId.fromCgroup(List.of("13:name=systemd:/kubepods/burstable/podabc/" + ID))).isEqualTo(ID);
    assertThat(ContainerId.fromCgroup(List.of("0::/", "1:name=systemd:/user.slice/user-1000.slice/session-2.scope")))
        .isNull();
  }

  @Test
  void containerIdFromCgroupV2Mountinfo() {
    String docker = "677 658 254:1 /var/lib/docker/containers/" + ID + "/hostname /etc/hostname rw,relatime"
        + " - ext4 /dev/vda1 rw";
    String podman = "1208 1193 0:107 /containers/storage/overlay-containers/" + ID + "/userdata/hostname"
        + " /etc/hostname rw,nosuid,nodev - tmpfs tmpfs rw";
    String noise = "661 660 0:58 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw";
    assertThat(ContainerId.fromMountinfo(List.of(noise, docker))).isEqualTo(ID);
    assertThat(ContainerId.fromMountinfo(List.of(podman))).isEqualTo(ID);
    assertThat(ContainerId.fromMountinfo(List.of(noise))).isNull();
  }

  @Test
  void containerIdFromFilesPrefersCgroupThenMountinfoAndIsAbsentOutsideAContainer() throws IOException {
    Path proc = Files.createDirectories(dir.resolve("self"));
    Files.writeString(proc.resolve("cgroup"), "0::/\n");
    Files.writeString(proc.resolve("mountinfo"), "677 658 254:1 /var/lib/docker/containers/" + ID
        + "/hostname /etc/hostname rw - ext4 /dev/vda1 rw\n");
    assertThat(ContainerId.detect(proc)).isEqualTo(ID);
    Files.writeString(proc.resolve("mountinfo"), "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n");
    assertThat(ContainerId.detect(proc)).isNull();
    assertThat(ContainerId.detect(dir.resolve("missing"))).isNull();
  }

  @Test
  void detectsServiceHostOsProcessRuntimeAndSdk() throws IOException {
    Map<String, String> attrs = detect(Map.of("HOSTNAME", "web-1"));
    assertThat(attrs).containsEntry("service.name", "unknown_service:java")
        .containsEntry("host.name", "web-1")
        .containsEntry("process.pid", String.valueOf(ProcessHandle.current().pid()))
        .containsEntry("telemetry.sdk.name", "opentelemetry")
        .containsEntry("telemetry.sdk.language", "java")
        .containsEntry("telemetry.distro.name", "vigil")
        .containsEntry("process.runtime.version", System.getProperty("java.runtime.version"))
        .containsKeys("service.instance.id", "host.arch", "os.type", "os.description", "process.executable.path",
            "process.runtime.name", "process.runtime.description", "telemetry.sdk.version");
    assertThat(attrs.get("service.instance.id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
        + "[0-9a-f]{12}");
    assertThat(attrs.get("service.instance.id")).isNotEqualTo(detect(Map.of()).get("service.instance.id"));
    assertThat(attrs.keySet()).doesNotContain("container.id", "k8s.pod.name");
    assertThat(attrs.get("process.command_args") != null || attrs.get("process.command_line") != null).isTrue();
    assertThat(ResourceDetector.arch("x86_64")).isEqualTo("amd64");
    assertThat(ResourceDetector.arch("aarch64")).isEqualTo("arm64");
    assertThat(ResourceDetector.osType("Mac OS X")).isEqualTo("darwin");
    assertThat(ResourceDetector.osType("Windows 11")).isEqualTo("windows");
    assertThat(ResourceDetector.masked("-Ddb.password=hunter2")).isEqualTo("-Ddb.password=***");
    assertThat(ResourceDetector.masked("--api_key=abc")).isEqualTo("--api_key=***");
    assertThat(ResourceDetector.masked("-Dshop.port=0")).isEqualTo("-Dshop.port=0");
  }

  @Test
  void kubernetesFromTheDownwardApiVariablesAndTheServiceAccountFile() throws IOException {
    Files.writeString(dir.resolve("namespace"), "shop-ns\n");
    Map<String, String> attrs = detect(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOSTNAME", "cart-7d9f-xk2",
        "NODE_NAME", "node-3"));
    assertThat(attrs).containsEntry("k8s.pod.name", "cart-7d9f-xk2").containsEntry("k8s.namespace.name", "shop-ns")
        .containsEntry("k8s.node.name", "node-3");
    attrs = detect(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "POD_NAME", "cart-1", "POD_NAMESPACE", "prod"));
    assertThat(attrs).containsEntry("k8s.pod.name", "cart-1").containsEntry("k8s.namespace.name", "prod");
    assertThat(detect(Map.of("POD_NAME", "x"))).doesNotContainKey("k8s.pod.name");
  }

  @Test
  void containerIdWhenTheCgroupNamesOne() throws IOException {
    Path proc = Files.createDirectories(dir.resolve("self"));
    Files.writeString(proc.resolve("cgroup"), "12:pids:/docker/" + ID + "\n");
    Resource r = AgentResource.detect(VigilConfig.of(Map.of(), Map.of()), Map.of(), proc, dir.resolve("none"));
    assertThat(AgentResource.strings(r)).containsEntry("container.id", ID);
  }

  @Test
  void resourceAttributesWinOverDetectedAndServiceNameOverBoth() throws IOException {
    Map<String, String> attrs = detect(Map.of("HOSTNAME", "detected",
        "OTEL_RESOURCE_ATTRIBUTES", "host.name=given,service.name=from-attrs,service.version=1.2%2C3,deployment.environment=prod"));
    assertThat(attrs).containsEntry("host.name", "given").containsEntry("service.name", "from-attrs")
        .containsEntry("service.version", "1.2,3").containsEntry("deployment.environment", "prod");
    attrs = detect(Map.of("OTEL_SERVICE_NAME", "checkout", "OTEL_RESOURCE_ATTRIBUTES", "service.name=other"));
    assertThat(attrs).containsEntry("service.name", "checkout");
    Map<String, String> env = new HashMap<>(Map.of("OTEL_SERVICE_NAME", "checkout"));
    Resource r = AgentResource.detect(VigilConfig.of(Map.of("vigil.service.name", "vigil-name"), env), env,
        dir.resolve("self"), dir.resolve("none"));
    assertThat(AgentResource.strings(r)).containsEntry("service.name", "vigil-name");
  }

  @Test
  void disabledKeysAreLeftOut() throws IOException {
    Map<String, String> attrs = detect(Map.of("OTEL_RESOURCE_DISABLED_KEYS", "process.command_args, host.name,"
        + "process.command_line"));
    assertThat(attrs).doesNotContainKeys("process.command_args", "process.command_line", "host.name")
        .containsKey("process.pid");
  }

  @Test
  void badResourceEntriesAreSkippedAndReportedOnce() throws IOException {
    try (CapturedStderr err = CapturedStderr.start()) {
      Map<String, String> env = Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=a%2Fb,oops,bad=%zz,region=eu");
      VigilConfig config = VigilConfig.of(Map.of(), env); // read by the detection, the service name, the metrics...
      AgentResource.detect(config, env, dir, dir);
      Map<String, String> attrs = AgentResource.strings(AgentResource.detect(config, env, dir, dir));
      config.resourceAttributes();
      assertThat(attrs).containsEntry("team", "a/b").containsEntry("region", "eu").doesNotContainKeys("oops", "bad");
      assertThat(err.lines()).filteredOn(l -> l.contains("OTEL_RESOURCE_ATTRIBUTES entry oops")).hasSize(1);
      assertThat(err.lines()).filteredOn(l -> l.contains("OTEL_RESOURCE_ATTRIBUTES entry bad")).hasSize(1);
    }
  }

  @Test
  void targetInfoCarriesTheResourceAsLabels() {
    List<dev.vigil.exporter.model.MetricFamily> out = new java.util.ArrayList<>();
    new TargetInfo(new java.util.LinkedHashMap<>(Map.of("service.name", "shop", "k8s.pod.name", "p-1"))).collect(out);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).name).isEqualTo("target_info");
    assertThat(out.get(0).points.get(0).value).isEqualTo(1.0);
    assertThat(out.get(0).points.get(0).labels.rendered()).contains("service_name=\"shop\"")
        .contains("k8s_pod_name=\"p-1\"");
    assertThat(TargetInfo.labelName("2x.y-z")).isEqualTo("key_2x_y_z");
  }

  @Test
  void targetInfoLeavesOutTheCommandLineAndCutsLongValues() {
    List<dev.vigil.exporter.model.MetricFamily> out = new java.util.ArrayList<>();
    String classPath = "/lib/a.jar:".repeat(2_000);
    new TargetInfo(new java.util.LinkedHashMap<>(Map.of("process.command_args", "java -cp " + classPath,
        "process.executable.path", "/opt/" + "x".repeat(1_000)))).collect(out);
    String labels = out.get(0).points.get(0).labels.rendered();
    assertThat(labels).doesNotContain("process_command_args").contains("process_executable_path");
    assertThat(labels.length()).isLessThan(TargetInfo.MAX_VALUE + 100);
  }

  private Map<String, String> detect(Map<String, String> env) throws IOException {
    Path proc = Files.createDirectories(dir.resolve("self"));
    Resource r = AgentResource.detect(VigilConfig.of(Map.of(), env), env, proc, dir.resolve("namespace"));
    return AgentResource.strings(r);
  }
}
