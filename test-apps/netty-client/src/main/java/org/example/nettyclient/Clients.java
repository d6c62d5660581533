package org.example.nettyclient;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/** One GET through each client, the way applications use them; each returns the response status. */
final class Clients {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final EventLoopGroup GROUP = new NioEventLoopGroup(1);
  private static final HttpClient REACTOR = HttpClient.create();
  private static final HttpClient REACTOR_REDIRECTS = HttpClient.create().followRedirect(true);
  private static final WebClient WEB = WebClient.create();

  private Clients() {}

  /** Status of {@code GET url} through {@code client}; throws what the library throws when no response comes. */
  static int get(String client, String url) throws Exception {
    switch (client) {
      case "netty": return netty(URI.create(url), true);
      case "netty-pair": return netty(URI.create(url), false);
      case "reactor": return reactor(REACTOR, url).block(TIMEOUT);
      case "reactor-redirect": return reactor(REACTOR_REDIRECTS, url).block(TIMEOUT);
      case "reactor-cancel": return reactor(REACTOR, url).timeout(Duration.ofMillis(300)).block(TIMEOUT);
      case "webclient": return web(url).block(TIMEOUT);
      case "webclient-publishon":
        // subscribed on a scheduler's thread, the response handled on another's
        return Mono.just(url).publishOn(Schedulers.boundedElastic()).flatMap(Clients::web)
            .publishOn(Schedulers.parallel()).map(status -> status).block(TIMEOUT);
      default: throw new IllegalArgumentException("unknown client " + client);
    }
  }

  private static Mono<Integer> reactor(HttpClient client, String url) {
    return client.get().uri(url)
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(b -> response.status().code()));
  }

  private static Mono<Integer> web(String url) {
    return WEB.get().uri(url).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
  }

  /**
   * A connection per request: HttpClientCodec (or HttpRequestEncoder and HttpResponseDecoder) and an aggregator, the
   * request written from this thread.
   */
  private static int netty(URI uri, boolean codec) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    Bootstrap bootstrap = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000).handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (codec) {
              ch.pipeline().addLast(new HttpClientCodec());
            } else {
              ch.pipeline().addLast(new HttpRequestEncoder(), new HttpResponseDecoder());
            }
            ch.pipeline().addLast(new HttpObjectAggregator(1 << 20),
                new SimpleChannelInboundHandler<FullHttpResponse>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                    status.complete(response.status().code());
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    status.completeExceptionally(cause);
                    ctx.close();
                  }
                });
          }
        });
    Channel channel = bootstrap.connect(uri.getHost(), uri.getPort()).sync().channel();
    try {
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
      request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort());
      channel.writeAndFlush(request);
      return status.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    } finally {
      channel.close().await(5, TimeUnit.SECONDS);
    }
  }
}
