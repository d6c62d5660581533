package dev.vigil.bootstrap;

import java.util.function.Function;

/**
 * Receives RPCs (gRPC today) from the interceptors Vigil adds to the application's servers and channels. Implemented by
 * the agent. Library objects never cross: the interceptors hand over the method name and read or write metadata
 * themselves.
 */
public interface RpcHandler {
  RpcHandler NOOP = new RpcHandler() {
    @Override
    public RpcCall server(String system, String fullMethod, Function<String, String> metadata) {
      return null;
    }

    @Override
    public RpcCall client(String system, String fullMethod, String authority) {
      return null;
    }
  };

  /**
   * An inbound call of {@code fullMethod} ({@code package.Service/Method}) starts; {@code metadata} reads one request
   * metadata value by its lower-case name (trace context). Returns the handle to end it with, or null.
   */
  RpcCall server(String system, String fullMethod, Function<String, String> metadata);

  /** An outbound call starts to {@code authority} (host:port, or null). Returns the handle to end it with, or null. */
  RpcCall client(String system, String fullMethod, String authority);
}
