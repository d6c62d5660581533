package dev.vigil.agent.instrumentation.grpc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every server's builder ends in {@code ServerImplBuilder.build()} (Netty's, OkHttp's, in-process builders delegate to
 * it): Vigil's {@link GrpcServerInterceptor} is added there, last, so that it is the outermost and times the app's own
 * interceptors too. It is defined in grpc's class loader ({@code Bridge.helpers()}).
 */
public final class ServerBuilderInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.named("io.grpc.internal.ServerImplBuilder");
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
    public static void enter(@Advice.This ServerBuilder<?> builder) {
      Object interceptor = Bridge.helpers().create(ServerInterceptor.class,
          "dev.vigil.agent.instrumentation.grpc.GrpcServerInterceptor");
      if (interceptor instanceof ServerInterceptor) {
        builder.intercept((ServerInterceptor) interceptor);
      }
    }
  }
}
