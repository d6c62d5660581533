package dev.vigil.kafka.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One Kafka broker in KRaft combined mode (broker and controller in this JVM) on the given ports, its logs in a fresh
 * directory: formats the storage, starts the server and prints {@code READY <port>} once a client sees the cluster. It
 * exits when its standard input closes, so it never outlives the test that started it.
 *
 * <p>Arguments: {@code <broker port> <controller port> <data directory>}.
 */
public final class BrokerMain {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int controllerPort = Integer.parseInt(args[1]);
    Path dir = Files.createDirectories(Paths.get(args[2]));
    Path config = writeConfig(dir, port, controllerPort);
    int formatted = kafka.tools.StorageTool.execute(
        new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()}, System.out);
    if (formatted != 0) {
      throw new IllegalStateException("formatting " + dir + " failed: " + formatted);
    }
    exitWhenStdinCloses();
    Thread ready = new Thread(() -> announceWhenReady(port), "ready-probe");
    ready.setDaemon(true);
    ready.start();
    kafka.Kafka.main(new String[] {config.toString()});
  }

  private static Path writeConfig(Path dir, int port, int controllerPort) throws IOException {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("logs").toString());
    p.setProperty("num.partitions", "2");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "true");
    Path file = dir.resolve("server.properties");
    try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
      p.store(out, "vigil test broker");
    }
    return file;
  }

  private static void announceWhenReady(int port) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port))) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
      System.out.println("READY " + port);
    } catch (Exception e) {
      System.out.println("NOT READY " + e);
    }
  }

  private static void exitWhenStdinCloses() {
    Thread t = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing: only the end of the stream matters
        }
      } catch (IOException ignored) {
        // the test is gone
      }
      Runtime.getRuntime().halt(0);
    }, "stdin-watch");
    t.setDaemon(true);
    t.start();
  }
}
