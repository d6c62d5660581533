package dev.vigil.agent.instrumentation.netty.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.HttpServerHandler;
import dev.vigil.bootstrap.ServerCall;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler on an embedded channel, with a bridge that records what it is told. */
class NettyServerHandlerTest {
  private final List<String> log = new ArrayList<>();
  private final List<String> readIn = new ArrayList<>();

  @AfterEach
  void reset() {
    Bridge.install((HttpServerHandler) null);
  }

  @Test
  void pipelinedRequestsEndInOrderWithTheirResponsesStatus() {
    EmbeddedChannel channel = channel();
    channel.writeInbound(request("/orders/12?x=1"), LastHttpContent.EMPTY_LAST_CONTENT);
    channel.writeInbound(request("http://host/items"), new DefaultHttpContent(Unpooled.buffer(1)),
        LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat(log).containsExactly("start GET /orders/{id} /orders/12", "start GET /items /items");
    assertThat(readIn).as("each part read in its request's context").containsExactly("/orders/{id}",
        "/orders/{id}", "/items", "/items", "/items");
    channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
    channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND),
        LastHttpContent.EMPTY_LAST_CONTENT);
    channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    channel.close();
    assertThat(log).containsExactly("start GET /orders/{id} /orders/12", "start GET /items /items",
        "end /orders/{id} 404", "end /items 200");
  }

  @Test
  void aConnectionLostBeforeTheAnswerEndsItsRequestsOnce() {
    EmbeddedChannel channel = channel();
    channel.writeInbound(request("/slow"));
    channel.pipeline().fireChannelInactive();
    channel.finishAndReleaseAll();
    assertThat(log).containsExactly("start GET /slow /slow", "end /slow 499");

    log.clear();
    EmbeddedChannel dropped = channel();
    dropped.writeInbound(request("/throw"));
    dropped.close(); // the server's own close
    assertThat(log).containsExactly("start GET /throw /throw", "end /throw 0");
  }

  @Test
  void aClientPipeliningPastTheCapIsNotRecordedAndTheOthersStayPaired() {
    EmbeddedChannel channel = channel();
    for (int i = 0; i < NettyServerHandler.MAX_PENDING + 3; i++) {
      channel.writeInbound(request("/r" + i));
    }
    for (int i = 0; i < NettyServerHandler.MAX_PENDING + 3; i++) {
      channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    }
    channel.writeInbound(request("/after"));
    channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.ACCEPTED));
    channel.finishAndReleaseAll();
    assertThat(log.stream().filter(l -> l.startsWith("start"))).hasSize(NettyServerHandler.MAX_PENDING + 1);
    assertThat(log).contains("end /r0 200", "end /r" + (NettyServerHandler.MAX_PENDING - 1) + " 200",
        "end /after 202");
  }

  private EmbeddedChannel channel() {
    Bridge.install(new Recording());
    return new EmbeddedChannel(new NettyServerHandler(), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ServerCall call = Bridge.httpServer().current();
        readIn.add(call == null ? "none" : ((Call) call).route);
      }
    });
  }

  private static DefaultHttpRequest request(String uri) {
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
  }

  private final class Recording implements HttpServerHandler {
    Call current;

    @Override
    public ServerCall start(String method, String route, boolean template, Object request) {
      @SuppressWarnings("unchecked")
      String path = ((java.util.function.Function<String, String>) request).apply(":path");
      log.add("start " + method + " " + route + " " + path);
      return new Call(this, route);
    }

    @Override
    public ServerCall current() {
      return current;
    }
  }

  private final class Call extends ServerCall {
    final Recording recording;
    final String route;

    Call(Recording recording, String route) {
      this.recording = recording;
      this.route = route;
    }

    @Override
    public void route(String template) {}

    @Override
    public void end(int status, Throwable error) {
      log.add("end " + route + " " + status);
    }

    @Override
    public Object attach() {
      Call outer = recording.current;
      recording.current = this;
      return outer == null ? "" : outer;
    }

    @Override
    public void restore(Object token) {
      recording.current = token instanceof Call ? (Call) token : null;
    }
  }
}
