package dev.vigil.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ends the call of a servlet request that went async when the container completes it, through an {@code AsyncListener}.
 * The bootstrap cannot see servlet classes, so the listener is a proxy of the interface the advice passes
 * ({@code javax.servlet.AsyncListener} or the jakarta one) and servlet methods are called reflectively, looked up once
 * per API.
 */
public final class ServletAsync {
  private static final ClassValue<Api> APIS = new ClassValue<Api>() {
    @Override
    protected Api computeValue(Class<?> listenerType) {
      try {
        return new Api(listenerType);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("servlet API not found beside " + listenerType.getName(), e);
      }
    }
  };

  private ServletAsync() {}

  /**
   * Registers a listener that ends {@code call} on completion; returns false (the caller then ends the call at once)
   * when that is not possible. Call only when {@code request.isAsyncStarted()}.
   */
  public static boolean endOnComplete(Class<?> listenerType, ServerCall call, Object request, Object response) {
    try {
      Api api = APIS.get(listenerType);
      Object listener = Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
          new Listener(api, call, response));
      api.addListener.invoke(api.requestContext.invoke(request), listener);
      return true;
    } catch (Throwable t) {
      AdviceErrors.report(t, "servlet async listener");
      return false;
    }
  }

  /** The servlet methods used, from one API (javax or jakarta). */
  private static final class Api {
    final Method requestContext;
    final Method addListener;
    final Method eventContext;
    final Method eventThrowable;
    final Method status;

    Api(Class<?> listenerType) throws ReflectiveOperationException {
      ClassLoader loader = listenerType.getClassLoader();
      String pkg = listenerType.getPackageName();
      Class<?> event = Class.forName(pkg + ".AsyncEvent", false, loader);
      requestContext = Class.forName(pkg + ".ServletRequest", false, loader).getMethod("getAsyncContext");
      addListener = Class.forName(pkg + ".AsyncContext", false, loader).getMethod("addListener", listenerType);
      eventContext = event.getMethod("getAsyncContext");
      eventThrowable = event.getMethod("getThrowable");
      status = Class.forName(pkg + ".http.HttpServletResponse", false, loader).getMethod("getStatus");
    }
  }

  /** onError keeps the exception; onComplete (which the container calls after an error or a timeout too) ends. */
  private static final class Listener implements InvocationHandler {
    private final Api api;
    private final ServerCall call;
    private final Object response;
    private volatile Throwable error;

    Listener(Api api, ServerCall call, Object response) {
      this.api = api;
      this.call = call;
      this.response = response;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      try {
        switch (method.getName()) {
          case "onComplete":
            call.end(status(), error);
            return null;
          case "onError":
            error = (Throwable) api.eventThrowable.invoke(args[0]);
            return null;
          case "onStartAsync": // a new startAsync() drops the listeners: stay registered
            api.addListener.invoke(api.eventContext.invoke(args[0]), proxy);
            return null;
          case "hashCode":
            return System.identityHashCode(proxy);
          case "equals":
            return proxy == args[0];
          case "toString":
            return "vigil async listener";
          default:
            return null; // onTimeout: the container completes the request next
        }
      } catch (Throwable t) {
        AdviceErrors.report(t, "servlet async listener");
        return null;
      }
    }

    private int status() {
      try {
        return (Integer) api.status.invoke(response);
      } catch (Throwable t) {
        AdviceErrors.report(t, "servlet async listener");
        return 0; // unknown: still ended, so the in-flight count comes back down
      }
    }
  }
}
