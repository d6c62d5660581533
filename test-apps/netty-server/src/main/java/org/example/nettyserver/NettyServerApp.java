package org.example.nettyserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A plain Netty HTTP server, as many services write one: a codec, an aggregator and the application's handler. Two
 * ports: one with {@code HttpServerCodec}, one with {@code HttpRequestDecoder} and {@code HttpResponseEncoder}. Prints
 * "READY <port>" and "SPLIT <port>".
 */
public final class NettyServerApp {
  public static void main(String[] args) throws Exception {
    Connection db = DriverManager.getConnection("jdbc:h2:mem:items;DB_CLOSE_DELAY=-1");
    try (Statement s = db.createStatement()) {
      s.execute("create table items(id int primary key, name varchar(40))");
      s.execute("insert into items values (1, 'first'), (2, 'second')");
    }
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup(2);
    Channel combined = bind(boss, workers, db, false);
    Channel split = bind(boss, workers, db, true);
    System.out.println("READY " + ((InetSocketAddress) combined.localAddress()).getPort());
    System.out.println("SPLIT " + ((InetSocketAddress) split.localAddress()).getPort());
    combined.closeFuture().sync();
  }

  private static Channel bind(EventLoopGroup boss, EventLoopGroup workers, Connection db, boolean split)
      throws InterruptedException {
    return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (split) {
              p.addLast("decoder", new HttpRequestDecoder());
              p.addLast("encoder", new HttpResponseEncoder());
            } else {
              p.addLast("codec", new HttpServerCodec());
            }
            p.addLast("aggregator", new HttpObjectAggregator(65536));
            p.addLast("app", new AppHandler(db));
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }
}
