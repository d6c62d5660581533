package org.example.nettyserver;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The application: {@code /hello}; {@code /items/<id>} reads a row with JDBC on the event loop; {@code /fail} answers
 * 500; {@code /throw} throws, and the handler closes the connection without answering; {@code /hang} never answers;
 * anything else 404.
 */
final class AppHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final Connection db;

  AppHandler(Connection db) {
    this.db = db;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
    String path = request.uri();
    if (path.equals("/hello")) {
      respond(ctx, request, HttpResponseStatus.OK, "hello " + request.content().toString(StandardCharsets.UTF_8));
    } else if (path.startsWith("/items/")) {
      respond(ctx, request, HttpResponseStatus.OK, item(Integer.parseInt(path.substring("/items/".length()))));
    } else if (path.equals("/fail")) {
      respond(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "failed");
    } else if (path.equals("/throw")) {
      throw new IllegalStateException("boom");
    } else if (!path.equals("/hang")) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private String item(int id) throws SQLException {
    synchronized (db) {
      try (PreparedStatement s = db.prepareStatement("select name from items where id = ?")) {
        s.setInt(1, id);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? rs.getString(1) : "none";
        }
      }
    }
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
      String body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!keepAlive) {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response);
    }
  }
}
