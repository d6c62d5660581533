package org.example.grpc;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;

/**
 * Modes:
 * <ul>
 *   <li>{@code server}: serves {@code demo.Greeter} on a free port; prints {@code READY <port>}.</li>
 *   <li>{@code client PORT}: calls that server once through each method (Hello three times, Relay, Chain, Count 5,
 *   Missing, Boom), printing {@code RESULT <method> <status or reply>} and then {@code DONE}; stays up so that its
 *   agent exports.</li>
 *   <li>{@code bench PORT N}: N unary Hello calls to warm up, then N timed; prints {@code BENCH <microseconds per
 *   call>} and exits (a rough overhead figure, not a test).</li>
 * </ul>
 */
public final class GrpcApp {
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "server": server(); break;
      case "client": client(Integer.parseInt(args[1])); break;
      case "bench": bench(Integer.parseInt(args[1]), Integer.parseInt(args[2])); break;
      default: throw new IllegalArgumentException(args[0]);
    }
  }

  private static void server() throws Exception {
    Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(greeter()).build();
    server.start();
    ManagedChannel self = channel(server.getPort());
    // built after start: Relay's handler calls Hello through it, from grpc's executor thread
    SELF[0] = self;
    System.out.println("READY " + server.getPort());
    System.out.flush();
    server.awaitTermination();
  }

  private static final ManagedChannel[] SELF = new ManagedChannel[1];

  private static ServerServiceDefinition greeter() {
    return ServerServiceDefinition.builder(Greeter.SERVICE)
        .addMethod(Greeter.HELLO, ServerCalls.asyncUnaryCall((name, out) -> reply(out, "hello " + name)))
        .addMethod(Greeter.RELAY, ServerCalls.asyncUnaryCall((name, out) -> reply(out,
            "relayed " + ClientCalls.blockingUnaryCall(SELF[0], Greeter.HELLO, CallOptions.DEFAULT, name))))
        .addMethod(Greeter.CHAIN, ServerCalls.asyncUnaryCall((name, out) -> ClientCalls.asyncUnaryCall(
            SELF[0].newCall(Greeter.HELLO, CallOptions.DEFAULT), name, new StreamObserver<String>() {
              private String first;

              @Override
              public void onNext(String value) {
                first = value;
              }

              @Override
              public void onError(Throwable t) {
                out.onError(t);
              }

              @Override
              public void onCompleted() {
                reply(out, first + ", " + ClientCalls.blockingUnaryCall(SELF[0], Greeter.HELLO, CallOptions.DEFAULT,
                    "again"));
              }
            })))
        .addMethod(Greeter.COUNT, ServerCalls.asyncServerStreamingCall((n, out) -> {
          for (int i = 1; i <= Integer.parseInt(n); i++) {
            out.onNext(Integer.toString(i));
            sleep(50);
          }
          out.onCompleted();
        }))
        .addMethod(Greeter.MISSING, ServerCalls.asyncUnaryCall((name, out) ->
            out.onError(Status.NOT_FOUND.withDescription("no " + name).asRuntimeException())))
        .addMethod(Greeter.BOOM, ServerCalls.<String, String>asyncUnaryCall((name, out) -> {
          throw new IllegalStateException("boom");
        }))
        .build();
  }

  private static void reply(StreamObserver<String> out, String message) {
    out.onNext(message);
    out.onCompleted();
  }

  private static void client(int port) throws Exception {
    ManagedChannel channel = channel(port);
    for (int i = 0; i < 3; i++) {
      unary(channel, "Hello", Greeter.HELLO, "world" + i);
    }
    unary(channel, "Relay", Greeter.RELAY, "relay");
    unary(channel, "Chain", Greeter.CHAIN, "chain");
    try {
      StringBuilder got = new StringBuilder();
      Iterator<String> it = ClientCalls.blockingServerStreamingCall(channel, Greeter.COUNT, CallOptions.DEFAULT, "5");
      it.forEachRemaining(got::append);
      System.out.println("RESULT Count " + got);
    } catch (StatusRuntimeException e) {
      System.out.println("RESULT Count " + e.getStatus().getCode());
    }
    unary(channel, "Missing", Greeter.MISSING, "x");
    unary(channel, "Boom", Greeter.BOOM, "x");
    System.out.println("DONE");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // the test ends this process once it has what it needs
  }

  private static void bench(int port, int n) {
    ManagedChannel channel = channel(port);
    for (int i = 0; i < n; i++) {
      ClientCalls.blockingUnaryCall(channel, Greeter.HELLO, CallOptions.DEFAULT, "warm");
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ClientCalls.blockingUnaryCall(channel, Greeter.HELLO, CallOptions.DEFAULT, "timed");
    }
    System.out.printf("BENCH %.1f%n", (System.nanoTime() - start) / 1000.0 / n);
    channel.shutdownNow();
  }

  private static void unary(ManagedChannel channel, String name, io.grpc.MethodDescriptor<String, String> method,
      String request) {
    String result;
    try {
      result = ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, request);
    } catch (StatusRuntimeException e) {
      result = e.getStatus().getCode().toString();
    }
    System.out.println("RESULT " + name + " " + result);
  }

  private static ManagedChannel channel(int port) {
    return Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
