package dev.vigil.its.support;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** The TCP ports a process listens on, read from Linux's /proc (its socket descriptors matched to /proc/net/tcp*). */
public final class ListeningPorts {
  private ListeningPorts() {}

  public static boolean supported() {
    return Files.isReadable(Paths.get("/proc/net/tcp"));
  }

  public static Set<Integer> of(long pid) throws IOException {
    Set<Integer> ports = new TreeSet<>();
    for (String listener : listeners(pid)) {
      ports.add(Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1)));
    }
    return ports;
  }

  /** The listeners of {@code pid} bound to anything but a loopback address ("0.0.0.0:4711", "[0:0:0:0:0:0:0:0]:4711"). */
  public static Set<String> nonLoopback(long pid) throws IOException {
    Set<String> open = new TreeSet<>();
    for (String listener : listeners(pid)) {
      if (!listener.startsWith("127.") && !listener.startsWith("[0:0:0:0:0:0:0:1]")) {
        open.add(listener);
      }
    }
    return open;
  }

  /** Every listening socket of {@code pid} as address:port. */
  public static Set<String> listeners(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while we listed them
        }
      }
    }
    Set<String> listeners = new TreeSet<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path path = Paths.get(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          listeners.add(address(local[0]) + ":" + Integer.parseInt(local[1], 16));
        }
      }
    }
    return listeners;
  }

  /** The kernel's hex: 32-bit words in host (little-endian) order. */
  private static String address(String hex) throws IOException {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length; word += 4) {
      for (int b = 0; b < 4; b++) {
        bytes[word + b] = (byte) Integer.parseInt(hex.substring(2 * (word + 3 - b), 2 * (word + 3 - b) + 2), 16);
      }
    }
    InetAddress a = InetAddress.getByAddress(bytes); // ::ffff:127.0.0.1 comes back as 127.0.0.1
    return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
  }
}
