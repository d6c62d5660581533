package dev.vigil.agent.instrumentation.grpc;

import dev.vigil.bootstrap.AdviceErrors;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.RpcCall;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.Function;

/**
 * Records each inbound call: started here, ended when the server closes it (or it is cancelled), its context current
 * around every callback, on whichever executor thread grpc runs it, so that a handler's JDBC or HTTP calls land under
 * the SERVER span. Defined in grpc's class loader at run time: uses only grpc, the bridge and {@code java.*}, and has
 * static nested classes only.
 */
public final class GrpcServerInterceptor implements ServerInterceptor {
  private static final int CANCELLED = 1;
  private static final int UNKNOWN = 2;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (call instanceof TracedCall) {
      return next.startCall(call, headers); // a builder built twice added this interceptor twice
    }
    RpcCall rpc = start(call, headers);
    if (rpc == null) {
      return next.startCall(call, headers);
    }
    Object token = rpc.attachQuietly();
    try {
      return new TracedListener<>(next.startCall(new TracedCall<>(call, rpc), headers), rpc);
    } catch (RuntimeException | Error e) {
      rpc.endQuietly(UNKNOWN, e); // grpc closes the call itself, not through TracedCall
      throw e;
    } finally {
      rpc.restoreQuietly(token);
    }
  }

  private static RpcCall start(ServerCall<?, ?> call, Metadata headers) {
    try {
      return Bridge.rpc().server("grpc", call.getMethodDescriptor().getFullMethodName(), new MetadataReader(headers));
    } catch (Throwable t) {
      AdviceErrors.report(t, "grpc server call");
      return null;
    }
  }

  /** Reads the request metadata the propagators ask for. */
  static final class MetadataReader implements Function<String, String> {
    private final Metadata headers;

    MetadataReader(Metadata headers) {
      this.headers = headers;
    }

    @Override
    public String apply(String name) {
      return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
  }

  /** Ends the call with the status the server closes it with. */
  static final class TracedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private final RpcCall rpc;

    TracedCall(ServerCall<Q, R> call, RpcCall rpc) {
      super(call);
      this.rpc = rpc;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      rpc.endQuietly(status.getCode().value(), status.getCause());
      super.close(status, trailers);
    }
  }

  /** Runs every callback in the call's context; a callback that throws or a cancellation ends the call. */
  static final class TracedListener<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final RpcCall rpc;

    TracedListener(ServerCall.Listener<Q> listener, RpcCall rpc) {
      super(listener);
      this.rpc = rpc;
    }

    @Override
    public void onMessage(Q message) {
      Object token = rpc.attachQuietly();
      try {
        super.onMessage(message);
      } catch (RuntimeException | Error e) {
        rpc.endQuietly(UNKNOWN, e);
        throw e;
      } finally {
        rpc.restoreQuietly(token);
      }
    }

    @Override
    public void onHalfClose() {
      Object token = rpc.attachQuietly();
      try {
        super.onHalfClose();
      } catch (RuntimeException | Error e) {
        rpc.endQuietly(UNKNOWN, e);
        throw e;
      } finally {
        rpc.restoreQuietly(token);
      }
    }

    @Override
    public void onCancel() {
      Object token = rpc.attachQuietly();
      try {
        super.onCancel();
      } finally {
        rpc.restoreQuietly(token);
        rpc.endQuietly(CANCELLED, null);
      }
    }

    @Override
    public void onComplete() {
      Object token = rpc.attachQuietly();
      try {
        super.onComplete();
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
