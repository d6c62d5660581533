package dev.vigil.agent.instrumentation.netty.server;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.Routes;
import dev.vigil.bootstrap.ServerCall;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * Records the requests of one HTTP/1.x connection: a call starts at each decoded {@code HttpRequest} and ends when the
 * {@code LastHttpContent} of its response is written (status from the {@code HttpResponse} before it); responses come in
 * request order, so keep-alive and pipelined requests each get their own call. The call's context is current while the
 * handlers after this one read the request (its headers and body), so what they start joins the request's trace. A
 * connection closed before the response ends its requests as cancelled (status 499) when the client went away, or as
 * a server failure (500) when the server closed it. Everything runs on the channel's event loop, so no state here is
 * shared. Defined in netty's class loader at run time: uses only netty, the bridge and {@code java.*}.
 */
public final class NettyServerHandler extends ChannelDuplexHandler implements Function<String, String> {
  /** nginx's "client closed request": counted apart from the server's own failures. */
  static final int CLIENT_CLOSED = 499;
  /** Requests read and not yet answered that are tracked one by one; a client pipelining more is not recorded. */
  static final int MAX_PENDING = 64;
  private static final Object UNRECORDED = new Object();

  /** Requests read whose response is not complete yet, oldest first: their calls, or UNRECORDED. */
  private final ArrayDeque<Object> pending = new ArrayDeque<>(2);
  /** Requests past MAX_PENDING, behind those in pending: the responses after pending's are theirs. */
  private int overflow;
  private int status;
  private boolean serverClosed;
  private boolean connectionFailed;
  /** The request whose headers the recorder reads while the call starts. */
  private HttpRequest reading;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    Object call;
    if (msg instanceof HttpRequest) {
      call = overflow > 0 || pending.size() >= MAX_PENDING ? null : start((HttpRequest) msg);
      if (call == null) {
        overflow++;
      } else {
        pending.addLast(call);
      }
    } else {
      call = pending.peekLast(); // a part of the body of the last request read
    }
    if (!(call instanceof ServerCall)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Object token = attach((ServerCall) call);
    try {
      ctx.fireChannelRead(msg);
    } finally {
      restore((ServerCall) call, token);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    boolean interim = false;
    if (msg instanceof HttpResponse) {
      int code = ((HttpResponse) msg).status().code();
      interim = code >= 100 && code < 200 && code != 101; // 100 Continue: the final response follows
      if (!interim) {
        status = code;
      }
    }
    if (msg instanceof LastHttpContent && !interim) {
      responded();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
    serverClosed = true; // a peer's close does not pass through here: Netty closes the channel itself
    ctx.close(promise);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (cause instanceof IOException) {
      connectionFailed = true; // connection reset: the client is gone, whoever closes the channel next
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    int code = serverClosed && !connectionFailed ? 0 : CLIENT_CLOSED;
    for (Object call = pending.pollFirst(); call != null; call = pending.pollFirst()) {
      if (call instanceof ServerCall) {
        end((ServerCall) call, code);
      }
    }
    overflow = 0;
    ctx.fireChannelInactive();
  }

  /** The response of the oldest request is complete. */
  private void responded() {
    Object call = pending.pollFirst();
    if (call instanceof ServerCall) {
      end((ServerCall) call, status);
    } else if (call == null && overflow > 0) {
      overflow--;
    }
    status = 0;
  }

  /** The call, or UNRECORDED; null only when the request cannot be queued. */
  private Object start(HttpRequest request) {
    reading = request;
    try {
      String route = Routes.normalize(path(request.uri()));
      ServerCall call = Bridge.httpServer().startDetached(request.method().name(), route, false, this);
      return call == null ? UNRECORDED : call;
    } catch (Throwable t) {
      AdviceErrors.report(t, "netty server request");
      return UNRECORDED;
    } finally {
      reading = null;
    }
  }

  /** The recorder reads the request's headers through this while the call starts. */
  @Override
  public String apply(String name) {
    HttpRequest r = reading;
    if (r == null) {
      return null;
    } else if (name.equals(":path")) {
      String path = path(r.uri());
      int query = path.indexOf('?');
      return query < 0 ? path : path.substring(0, query);
    } else if (name.equals(":protocol")) {
      return r.protocolVersion().text();
    }
    return r.headers().get(name);
  }

  /** The path and query of a request target, which may be absolute ({@code http://host/path}). */
  static String path(String uri) {
    if (uri.startsWith("/")) {
      return uri;
    }
    int scheme = uri.indexOf("://");
    int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : uri.substring(slash);
  }

  private static Object attach(ServerCall call) {
    try {
      return call.attach();
    } catch (Throwable t) {
      AdviceErrors.report(t, "netty server context");
      return null;
    }
  }

  private static void restore(ServerCall call, Object token) {
    try {
      call.restore(token);
    } catch (Throwable t) {
      AdviceErrors.report(t, "netty server context");
    }
  }

  private static void end(ServerCall call, int status) {
    try {
      call.end(status, null);
    } catch (Throwable t) {
      AdviceErrors.report(t, "netty server request end");
    }
  }
}
