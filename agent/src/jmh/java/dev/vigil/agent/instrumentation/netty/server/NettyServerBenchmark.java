package dev.vigil.agent.instrumentation.netty.server;

import dev.vigil.agent.recording.HttpServerRecorder;
import dev.vigil.agent.signals.ApdexThresholds;
import dev.vigil.agent.signals.EndpointRegistry;
import dev.vigil.bootstrap.Bridge;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One keep-alive request (headers, last content, response) through an embedded channel, with and without Vigil's
 * handler and the real recorder (metrics only): the difference is what the Netty server instrumentation adds per
 * request. Run: {@code scripts/jmh.sh NettyServer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NettyServerBenchmark {
  private EmbeddedChannel bare;
  private EmbeddedChannel recorded;
  private final DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/orders/42");
  private final DefaultFullHttpResponse response =
      new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);

  @Setup
  public void setUp() {
    Bridge.install(new HttpServerRecorder(new EndpointRegistry(10, new ApdexThresholds(500, Map.of()),
        60_000_000_000L)));
    bare = new EmbeddedChannel(new Respond());
    recorded = new EmbeddedChannel(new NettyServerHandler(), new Respond());
  }

  @Benchmark
  public Object withoutVigil() {
    return exchange(bare);
  }

  @Benchmark
  public Object withVigil() {
    return exchange(recorded);
  }

  private Object exchange(EmbeddedChannel channel) {
    channel.writeInbound(request);
    channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
    return channel.readOutbound();
  }

  /** Answers at the request's last content, as an application behind an aggregator does. */
  final class Respond extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof LastHttpContent) {
        ctx.writeAndFlush(response.retainedDuplicate());
      }
    }
  }
}
