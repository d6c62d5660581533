package dev.vigil.agent.instrumentation.apachehttpclient5;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.vigil.agent.tooling.ClassHint;
import dev.vigil.agent.tooling.TypeInstrumentation;
import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.core5.http.HttpResponse;

/**
 * The outermost callback of an exchange started by {@link AsyncExecuteInstrumentation}: {@code handleResponse} gives the
 * status, {@code completed} or {@code failed} ends the call (on an I/O thread). Other callbacks of the chain find no
 * call and do nothing.
 */
public final class AsyncExecCallbackInstrumentation implements TypeInstrumentation {
  @Override
  public ClassHint classHint() {
    return ClassHint.declaresMethod("handleResponse", "completed", "failed");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return not(isInterface()).and(hasSuperType(named("org.apache.hc.client5.http.async.AsyncExecCallback")));
  }

  @Override
  public ElementMatcher<? super MethodDescription> methodMatcher() {
    return namedOneOf("handleResponse", "completed", "failed");
  }

  @Override
  public String adviceClass() {
    return CallbackAdvice.class.getName();
  }

  public static final class CallbackAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object callback, @Advice.Origin("#m") String method,
        @Advice.Argument(value = 0, optional = true) Object argument) {
      ClientCall call = Bridge.httpClient().started(callback);
      if (call == null) {
        return;
      }
      if (argument instanceof HttpResponse) {
        call.responded(((HttpResponse) argument).getCode());
      } else if (!method.equals("handleResponse")) {
        call.end(0, argument instanceof Throwable ? (Throwable) argument : null);
      }
    }
  }
}
