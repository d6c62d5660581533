package dev.vigil.agent.instrumentation.grpc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every channel's builder ends in {@code ManagedChannelImplBuilder.build()}: Vigil's {@link GrpcClientInterceptor} is
 * added there, last, so that it runs next to the transport and sees the metadata the app's interceptors added.
 */
public final class ChannelBuilderInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.grpc.internal.ManagedChannelImplBuilder");
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return named("build").and(takesArguments(0));
  }

  @Override
  public String adviceClass() {
    return BuildAdvice.class.getName();
  }

  public static final class BuildAdvice {
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
