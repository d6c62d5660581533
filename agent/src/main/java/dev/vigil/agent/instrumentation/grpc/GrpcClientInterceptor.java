package dev.vigil.agent.instrumentation.grpc;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.RpcCall;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Records each outbound call: a CLIENT span started when the call is made, its trace context written into the
 * request metadata, ended when the client's listener sees the call closed; the listener's callbacks run in the
 * caller's context. Defined in grpc's class loader at run time:
 * uses only grpc, the bridge and {@code java.*}, and has static nested classes only.
 */
public final class GrpcClientInterceptor implements ClientInterceptor {
  /** Marks a call already recorded, for a channel whose builder was built twice and so has this interceptor twice. */
  private static final CallOptions.Key<Boolean> RECORDED = CallOptions.Key.create("vigil.recorded");
  private static final int UNKNOWN = 2;

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    if (options.getOption(RECORDED) != null) {
      return next.newCall(method, options);
    }
    RpcCall rpc = start(method, next);
    if (rpc == null) {
      return next.newCall(method, options);
    }
    try {
      return new TracedCall<>(next.newCall(method, options.withOption(RECORDED, Boolean.TRUE)), rpc);
    } catch (RuntimeException | Error e) {
      rpc.endQuietly(UNKNOWN, e);
      throw e;
    }
  }

  private static RpcCall start(MethodDescriptor<?, ?> method, Channel next) {
    try {
      return Bridge.rpc().client("grpc", method.getFullMethodName(), next.authority());
    } catch (Throwable t) {
      AdviceErrors.report(t, "grpc client call");
      return null;
    }
  }

  /** Adds the trace metadata at start, and listens for the close. */
  static final class TracedCall<Q, R> extends ForwardingClientCall.SimpleForwardingClientCall<Q, R> {
    private final RpcCall rpc;

    TracedCall(ClientCall<Q, R> call, RpcCall rpc) {
      super(call);
      this.rpc = rpc;
    }

    @Override
    public void start(Listener<R> listener, Metadata headers) {
      try {
        String[] fields = rpc.headers();
        for (int i = 0; i + 1 < fields.length; i += 2) {
          Metadata.Key<String> key = Metadata.Key.of(fields[i], Metadata.ASCII_STRING_MARSHALLER);
          headers.removeAll(key);
          headers.put(key, fields[i + 1]);
        }
      } catch (Throwable t) {
        AdviceErrors.report(t, "grpc client metadata");
      }
      try {
        super.start(new TracedListener<>(listener, rpc), headers);
      } catch (RuntimeException | Error e) {
        rpc.endQuietly(UNKNOWN, e);
        throw e;
      }
    }
  }

  /**
   * Ends the call with the status it closed with; runs every callback in the caller's context (grpc runs them on its
   * executor's threads), as the caller's own code would.
   */
  static final class TracedListener<R> extends ForwardingClientCallListener.SimpleForwardingClientCallListener<R> {
    private final RpcCall rpc;

    TracedListener(ClientCall.Listener<R> listener, RpcCall rpc) {
      super(listener);
      this.rpc = rpc;
    }

    @Override
    public void onHeaders(Metadata headers) {
      Object token = rpc.attachQuietly();
      try {
        super.onHeaders(headers);
      } finally {
        rpc.restoreQuietly(token);
      }
    }

    @Override
    public void onMessage(R message) {
      Object token = rpc.attachQuietly();
      try {
        super.onMessage(message);
      } finally {
        rpc.restoreQuietly(token);
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      rpc.endQuietly(status.getCode().value(), status.getCause());
      Object token = rpc.attachQuietly();
      try {
        super.onClose(status, trailers);
      } finally {
        rpc.restoreQuietly(token);
      }
    }

    @Override
    public void onReady() {
      Object token = rpc.attachQuietly();
      try {
        super.onReady();
      } finally {
        rpc.restoreQuietly(token);
      }
    }
  }
}
