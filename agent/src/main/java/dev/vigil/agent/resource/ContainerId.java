package dev.vigil.agent.resource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The id of the container the process runs in, found the way the OpenTelemetry Java SDK finds it: cgroup v1 names it
 * at the end of a line of {@code /proc/self/cgroup} ({@code /docker/<id>}, {@code docker-<id>.scope},
 * {@code cri-containerd-<id>.scope}, {@code crio-<id>.scope}); under cgroup v2 that file says only {@code 0::/}, and
 * the id appears in {@code /proc/self/mountinfo}, in the path the runtime mounts {@code /etc/hostname} from
 * ({@code /var/lib/docker/containers/<id>/hostname}, {@code .../overlay-containers/<id>/userdata/hostname}).
 */
final class ContainerId {
  private static final int LENGTH = 64;

  private ContainerId() {}

  /** The container id, or null outside a container or when the files cannot be read. */
  static String detect(Path procSelf) {
    String id = fromCgroup(lines(procSelf.resolve("cgroup")));
    return id != null ? id : fromMountinfo(lines(procSelf.resolve("mountinfo")));
  }

  static String fromCgroup(List<String> lines) {
    for (String line : lines) {
      String last = line.substring(line.lastIndexOf('/') + 1);
      if (last.endsWith(".scope")) {
        last = last.substring(0, last.length() - ".scope".length());
      }
      last = last.substring(Math.max(last.lastIndexOf('-'), last.lastIndexOf(':')) + 1);
      if (isId(last)) {
        return last;
      }
    }
    return null;
  }

  static String fromMountinfo(List<String> lines) {
    for (String line : lines) {
      if (!line.contains("/hostname ") && !line.contains("/hostname\t")) {
        continue;
      }
      String[] segments = line.split("[/\\s]+");
      for (int i = 1; i < segments.length; i++) {
        if ((segments[i - 1].equals("containers") || segments[i - 1].equals("overlay-containers"))
            && isId(segments[i])) {
          return segments[i];
        }
      }
    }
    return null;
  }

  static boolean isId(String s) {
    if (s.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.isReadable(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
