package dev.vigil.agent.instrumentation.grpc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every server's builder ends in {@code ServerImplBuilder.build()} (Netty's, OkHttp's, in-process builders delegate to
 * it), every channel's in {@code ManagedChannelImplBuilder.build()}: Vigil's interceptor is added there, last. On a
 * server that makes {@link GrpcServerInterceptor} the outermost, timing the app's own interceptors too; on a channel it
 * puts {@link GrpcClientInterceptor} next to the transport, where it sees the metadata the app's interceptors added.
 * Both are defined in grpc's class loader ({@code Bridge.helpers()}).
 */
public final class BuildInstrumentation implements TypeInstrumentation {
  private final String builder;
  private final Class<?> advice;

  private BuildInstrumentation(String builder, Class<?> advice) {
    this.builder = builder;
    this.advice = advice;
  }

  static BuildInstrumentation server() {
    return new BuildInstrumentation("io.grpc.internal.ServerImplBuilder", ServerBuildAdvice.class);
  }

  static BuildInstrumentation channel() {
    return new BuildInstrumentation("io.grpc.internal.ManagedChannelImplBuilder", ChannelBuildAdvice.class);
  }

  @Override
  public ClassHint classHint() {
    return ClassHint.named(builder);
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("build").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return advice.getName();
  }

  public static final class ServerBuildAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ServerBuilder<?> builder) {
      Object interceptor = Bridge.helpers().create(ServerInterceptor.class,
          "dev.vigil.agent.instrumentation.grpc.GrpcServerInterceptor");
      if (interceptor instanceof ServerInterceptor) {
        builder.intercept((ServerInterceptor) interceptor);
      }
    }
  }

  public static final class ChannelBuildAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ManagedChannelBuilder<?> builder) {
      Object interceptor = Bridge.helpers().create(ClientInterceptor.class,
          "dev.vigil.agent.instrumentation.grpc.GrpcClientInterceptor");
      if (interceptor instanceof ClientInterceptor) {
        builder.intercept((ClientInterceptor) interceptor);
      }
    }
  }
}
