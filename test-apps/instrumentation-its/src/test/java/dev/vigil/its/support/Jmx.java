package dev.vigil.its.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real JMX connection to a forked JVM. The port is the TEST's doing (the JVM's own -Dcom.sun.management.jmxremote on a
 * free loopback port), never Vigil's: Vigil only registers MBeans.
 */
public final class Jmx implements AutoCloseable {
  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private Jmx(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  /** JVM options that open the JVM's own JMX connector on {@code port}, loopback only, no auth (tests only). */
  public static List<String> jvmOptions(int port) {
    return List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false");
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public static Jmx connect(int port, Duration timeout) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return new Jmx(JMXConnectorFactory.connect(url));
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Waits for an MBean to be registered (Vigil registers late, after the application's main ran). */
  public ObjectName await(String name, Duration timeout) throws Exception {
    ObjectName on = new ObjectName(name);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!server.isRegistered(on)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not registered within " + timeout);
      }
      Thread.sleep(100);
    }
    return on;
  }

  public Object invoke(ObjectName on, String op, Object... args) throws Exception {
    String[] sig = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      sig[i] = args[i] instanceof Integer ? "int" : args[i] instanceof Boolean ? "boolean" : args[i].getClass().getName();
    }
    return server.invoke(on, op, args, sig);
  }

  public Object get(ObjectName on, String attribute) throws Exception {
    return server.getAttribute(on, attribute);
  }

  public MBeanServerConnection server() {
    return server;
  }

  /** Open file descriptors of a process (Linux /proc). */
  public static long fds(long pid) throws IOException {
    try (Stream<?> s = Files.list(Paths.get("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }

  /** Threads of a process (Linux /proc). */
  public static long threads(long pid) throws IOException {
    try (Stream<?> s = Files.list(Paths.get("/proc/" + pid + "/task"))) {
      return s.count();
    }
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
