package org.example.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The {@code demo.Greeter} service's methods, described by hand: messages are UTF-8 strings. */
final class Greeter {
  static final String SERVICE = "demo.Greeter";
  static final MethodDescriptor<String, String> HELLO = method("Hello", MethodType.UNARY);
  /** Calls Hello on the same server from inside its handler: a client call made on grpc's executor thread. */
  static final MethodDescriptor<String, String> RELAY = method("Relay", MethodType.UNARY);
  /**
   * Calls Hello with an async stub; its observer, run on grpc's executor, calls Hello once more: that second call is
   * made in the caller's context only if the client's callbacks carry it.
   */
  static final MethodDescriptor<String, String> CHAIN = method("Chain", MethodType.UNARY);
  /** Streams back as many messages as the request's number, 50 ms apart. */
  static final MethodDescriptor<String, String> COUNT = method("Count", MethodType.SERVER_STREAMING);
  /** Answers NOT_FOUND: the caller's fault. */
  static final MethodDescriptor<String, String> MISSING = method("Missing", MethodType.UNARY);
  /** Its handler throws: grpc answers UNKNOWN, the server's fault. */
  static final MethodDescriptor<String, String> BOOM = method("Boom", MethodType.UNARY);

  private Greeter() {}

  private static MethodDescriptor<String, String> method(String name, MethodType type) {
    return MethodDescriptor.<String, String>newBuilder().setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(Utf8.INSTANCE).setResponseMarshaller(Utf8.INSTANCE).build();
  }

  /** A message is its UTF-8 bytes. */
  static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    static final Utf8 INSTANCE = new Utf8();

    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
