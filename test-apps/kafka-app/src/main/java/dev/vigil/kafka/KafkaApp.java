package dev.vigil.kafka;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A service that produces to and consumes from one Kafka topic. Args: {@code <bootstrap servers> <topic> <group>}.
 * <ul>
 *   <li>{@code /send?n=K} sends K records (keys unique per record, an {@code app-header}); each send's callback runs a
 *   query on H2 and prints {@code ACKED}; answers once all are acknowledged.</li>
 *   <li>{@code /send-own} sends one record whose application already set {@code traceparent} itself.</li>
 *   <li>{@code /fail} sends a record larger than the producer's {@code max.request.size}: its callback gets the
 *   error.</li>
 *   <li>A consumer thread (group {@code <group>}) polls the topic, and for each record (a for-each over the poll's
 *   records) inserts a row into H2 and prints {@code CONSUMED <topic> <offset> traceparent=<values>}.</li>
 * </ul>
 */
public final class KafkaApp {
  static final String OWN_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String topic = args[1];
    String group = args[2];
    Connection db = DriverManager.getConnection("jdbc:h2:mem:kafka;DB_CLOSE_DELAY=-1");
    db.createStatement().execute("CREATE TABLE consumed (topic VARCHAR(100), record_offset BIGINT)");
    KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap));
    Thread consumer = new Thread(() -> consume(bootstrap, topic, group), "consumer");
    consumer.setDaemon(true);
    consumer.start();

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/send", e -> {
      int n = Integer.parseInt(e.getRequestURI().getQuery().substring("n=".length()));
      CountDownLatch acked = new CountDownLatch(n);
      for (int i = 0; i < n; i++) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, "user-" + System.nanoTime(), "order " + i);
        record.headers().add("app-header", "kept".getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, error) -> {
          count(db); // a query in the callback: under the caller's context, not the send's span
          System.out.println("ACKED " + (error == null ? metadata.partition() : error.getClass().getName()));
          acked.countDown();
        });
      }
      respond(e, await(acked) ? "sent " + n : "not acknowledged");
    });
    server.createContext("/send-own", e -> {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, "own", "own");
      record.headers().add("traceparent", OWN_TRACEPARENT.getBytes(StandardCharsets.UTF_8));
      CountDownLatch acked = new CountDownLatch(1);
      producer.send(record, (metadata, error) -> {
        System.out.println("ACKED-OWN " + (error == null ? metadata.partition() : error.getClass().getName()));
        acked.countDown();
      });
      respond(e, await(acked) ? "sent" : "not acknowledged");
    });
    server.createContext("/fail", e -> {
      CountDownLatch acked = new CountDownLatch(1);
      String[] failure = new String[1];
      producer.send(new ProducerRecord<>(topic, "big", "x".repeat(20_000)), (metadata, error) -> {
        failure[0] = error == null ? "none" : error.getClass().getName();
        acked.countDown();
      });
      respond(e, await(acked) ? "failed " + failure[0] : "no answer");
    });
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static Properties producerConfig(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "10000");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return p;
  }

  private static void consume(String bootstrap, String topic, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        Connection db = DriverManager.getConnection("jdbc:h2:mem:kafka;DB_CLOSE_DELAY=-1");
        PreparedStatement insert = db.prepareStatement("INSERT INTO consumed VALUES (?, ?)")) {
      consumer.subscribe(List.of(topic));
      while (true) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<String, String> record : records) {
          insert.setString(1, record.topic());
          insert.setLong(2, record.offset());
          insert.executeUpdate();
          List<String> traceparents = new ArrayList<>();
          for (Header h : record.headers().headers("traceparent")) {
            traceparents.add(new String(h.value(), StandardCharsets.UTF_8));
          }
          System.out.println("CONSUMED " + record.topic() + " " + record.offset() + " traceparent=" + traceparents);
        }
      }
    } catch (SQLException e) {
      e.printStackTrace();
    }
  }

  private static synchronized void count(Connection db) {
    try (var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM consumed")) {
      rs.next();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void respond(HttpExchange exchange, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
