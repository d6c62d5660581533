package dev.vigil.its.apps;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * A producer or a consumer service on the RabbitMQ server at 127.0.0.1:5672. Args: {@code producer|consumer}, a queue
 * name of this run. The queue {@code <q>} is fed through the default exchange, the queue {@code <q>-fan} through the
 * fanout exchange {@code <q>-x} (both expire when unused for 10 minutes).
 * <ul>
 *   <li>producer: {@code /publish} sends one message to {@code <q>}, one to a server-named queue of its own
 *   ({@code amq.gen-...}), {@code /fanout} one to {@code <q>-x}; each with an immutable header map of its own;
 *   {@code /get} takes one message from its server-named queue ({@code basicGet}).</li>
 *   <li>consumer: a {@code DefaultConsumer} on {@code <q>} and a {@code DeliverCallback} on {@code <q>-fan}; each
 *   message becomes a Redis {@code SET <q>:<tag>} and prints {@code CONSUMED <queue> <body>}.</li>
 * </ul>
 */
public final class RabbitMqApp {
  private static final Map<String, Object> APP_HEADERS = Map.of("app-header", "kept");

  public static void main(String[] args) throws Exception {
    String queue = args[1];
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    Connection connection = factory.newConnection("vigil-it-" + args[0]);
    Channel channel = connection.createChannel();
    Map<String, Object> expires = Map.of("x-expires", 600_000);
    channel.queueDeclare(queue, false, false, false, expires);
    channel.queueDeclare(queue + "-fan", false, false, false, expires);
    channel.exchangeDeclare(queue + "-x", BuiltinExchangeType.FANOUT, false, true, null);
    channel.queueBind(queue + "-fan", queue + "-x", "");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    if ("producer".equals(args[0])) {
      String temporary = channel.queueDeclare().getQueue();
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().headers(APP_HEADERS).build();
      server.createContext("/publish", e -> {
        synchronized (channel) {
          channel.basicPublish("", queue, props, "to-queue".getBytes(StandardCharsets.UTF_8));
          channel.basicPublish("", temporary, null, "to-temporary".getBytes(StandardCharsets.UTF_8));
        }
        respond(e, "published " + APP_HEADERS);
      });
      server.createContext("/get", e -> {
        com.rabbitmq.client.GetResponse got;
        synchronized (channel) {
          got = channel.basicGet(temporary, true);
        }
        respond(e, got == null ? "empty" : new String(got.getBody(), StandardCharsets.UTF_8));
      });
      server.createContext("/fanout", e -> {
        synchronized (channel) {
          channel.basicPublish(queue + "-x", "", props, "to-exchange".getBytes(StandardCharsets.UTF_8));
        }
        respond(e, "published");
      });
    } else {
      Jedis jedis = new Jedis("127.0.0.1", 6379);
      channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws java.io.IOException {
          processed(jedis, queue, envelope.getDeliveryTag(), body, properties);
          getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
      });
      Channel second = connection.createChannel();
      second.basicConsume(queue + "-fan", true, (tag, delivery) -> processed(jedis, queue + "-fan",
          delivery.getEnvelope().getDeliveryTag(), delivery.getBody(), delivery.getProperties()), tag -> { });
    }
    server.start();
    System.out.println("READY " + server.getAddress().getPort());
  }

  private static synchronized void processed(Jedis jedis, String queue, long tag, byte[] body,
      AMQP.BasicProperties properties) {
    jedis.set(queue + ":" + tag, new String(body, StandardCharsets.UTF_8));
    System.out.println("CONSUMED " + queue + " " + new String(body, StandardCharsets.UTF_8) + " headers "
        + properties.getHeaders());
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String text) throws java.io.IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
