package dev.vigil.agent.setup;

import dev.vigil.bootstrap.Bridge;
import dev.vigil.bootstrap.ClientCall;
import dev.vigil.bootstrap.ConnectionPoolHandler;
import dev.vigil.bootstrap.ContextCarrier;
import dev.vigil.bootstrap.DbCall;
import dev.vigil.bootstrap.DbClientHandler;
import dev.vigil.bootstrap.ExecutorHandler;
import dev.vigil.bootstrap.HttpClientHandler;
import dev.vigil.bootstrap.HttpServerHandler;
import dev.vigil.bootstrap.LogHandler;
import dev.vigil.bootstrap.OtelApiHandler;
import dev.vigil.bootstrap.MessagingCall;
import dev.vigil.bootstrap.MessagingHandler;
import dev.vigil.bootstrap.RedisCall;
import dev.vigil.bootstrap.RedisClientHandler;
import dev.vigil.bootstrap.RpcCall;
import dev.vigil.bootstrap.RpcHandler;
import dev.vigil.bootstrap.ServerCall;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test only ({@code vigil.test.fail_advice=true}): puts in the bridge, in place of every real handler, one whose every
 * method throws, so that a test can show that the application serves every request as without the agent. Every other
 * call that starts a request, a statement or a command returns a handle whose every method throws instead, so that the
 * exit advice fails too. Chosen once at start-up: without the key this class is never loaded.
 */
public final class FailingHandlers implements InvocationHandler {
  private final AtomicLong calls = new AtomicLong();

  private FailingHandlers() {}

  public static void install() {
    FailingHandlers h = new FailingHandlers();
    Bridge.install(h.proxy(HttpServerHandler.class));
    Bridge.install(h.proxy(DbClientHandler.class));
    Bridge.install(h.proxy(ConnectionPoolHandler.class));
    Bridge.install(h.proxy(ContextCarrier.class));
    Bridge.install(h.proxy(HttpClientHandler.class));
    Bridge.install(h.proxy(ExecutorHandler.class));
    Bridge.install(h.proxy(LogHandler.class));
    Bridge.install(h.proxy(RedisClientHandler.class));
    Bridge.install(h.proxy(RpcHandler.class));
    Bridge.install(h.proxy(OtelApiHandler.class));
    Bridge.install(h.proxy(MessagingHandler.class));
  }

  private <T> T proxy(Class<T> handler) {
    return handler.cast(Proxy.newProxyInstance(FailingHandlers.class.getClassLoader(), new Class<?>[] {handler}, this));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "hashCode": return System.identityHashCode(proxy);
      case "equals": return proxy == args[0];
      case "toString": return "failing " + method.getDeclaringClass().getSimpleName();
      default: break;
    }
    Class<?> returns = method.getReturnType();
    if (calls.incrementAndGet() % 2 == 0) {
      if (returns == ServerCall.class) {
        return new FailingServerCall();
      } else if (returns == DbCall.class) {
        return new FailingDbCall();
      } else if (returns == ClientCall.class) {
        return new FailingClientCall();
      } else if (returns == RedisCall.class) {
        return new FailingRedisCall();
      } else if (returns == RpcCall.class) {
        return new FailingRpcCall();
      } else if (returns == MessagingCall.class) {
        return new FailingMessagingCall();
      }
    }
    throw fault(method.getDeclaringClass().getSimpleName() + "." + method.getName());
  }

  static IllegalStateException fault(String where) {
    return new IllegalStateException("vigil.test.fail_advice: " + where);
  }

  private static final class FailingServerCall extends ServerCall {
    @Override
    public void route(String template) {
      throw fault("ServerCall.route");
    }

    @Override
    public void end(int status, Throwable error) {
      throw fault("ServerCall.end");
    }

    @Override
    public void leaveThread() {
      throw fault("ServerCall.leaveThread");
    }

    @Override
    public Object attach() {
      throw fault("ServerCall.attach");
    }

    @Override
    public void restore(Object token) {
      throw fault("ServerCall.restore");
    }
  }

  private static final class FailingDbCall extends DbCall {
    @Override
    public void end(Throwable error) {
      throw fault("DbCall.end");
    }
  }

  private static final class FailingClientCall extends ClientCall {
    @Override
    public String[] headers() {
      throw fault("ClientCall.headers");
    }

    @Override
    public void responded(int status) {
      throw fault("ClientCall.responded");
    }

    @Override
    public void end(int status, Throwable error) {
      throw fault("ClientCall.end");
    }

    @Override
    public void accept(Object response, Throwable error) {
      throw fault("ClientCall.accept");
    }
  }

  private static final class FailingMessagingCall extends MessagingCall {
    @Override
    public java.util.Map<String, Object> headers() {
      throw fault("MessagingCall.headers");
    }

    @Override
    public String[] fields() {
      throw fault("MessagingCall.fields");
    }

    @Override
    public Object attach() {
      throw fault("MessagingCall.attach");
    }

    @Override
    public void restore(Object token) {
      throw fault("MessagingCall.restore");
    }

    @Override
    public void end(Throwable error) {
      throw fault("MessagingCall.end");
    }
  }

  private static final class FailingRedisCall extends RedisCall {
    @Override
    public void end(Object reply, Throwable error) {
      throw fault("RedisCall.end");
    }
  }

  private static final class FailingRpcCall extends RpcCall {
    @Override
    public String[] headers() {
      throw fault("RpcCall.headers");
    }

    @Override
    public Object attach() {
      throw fault("RpcCall.attach");
    }

    @Override
    public void restore(Object token) {
      throw fault("RpcCall.restore");
    }

    @Override
    public void end(int statusCode, Throwable error) {
      throw fault("RpcCall.end");
    }
  }
}
