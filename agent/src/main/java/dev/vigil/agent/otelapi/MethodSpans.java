package dev.vigil.agent.otelapi;

import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spans of {@code @WithSpan} methods: name, kind and {@code @SpanAttribute} parameters read once per method (by
 * reflection on the application's annotations, whose classes Vigil does not ship), cached on the declaring class.
 */
final class MethodSpans {
  private static final SpanShape SHAPE = new SpanShape();

  private final ClassValue<Map<Method, Spec>> specs = new ClassValue<Map<Method, Spec>>() {
    @Override
    protected Map<Method, Spec> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  Object start(Method method, Object[] args) {
    if (method == null || !Tracing.enabled() || Tracing.instrumentationSuppressed()) {
      return null;
    }
    Spec spec = specs.get(method.getDeclaringClass()).computeIfAbsent(method, Spec::of);
    Context parent = Context.current();
    VigilSpan span = Tracing.start(parent, spec.kind, SHAPE, spec.name, null);
    if (span == null) {
      return null;
    }
    if (args != null) {
      for (int i = 0; i < spec.attributes.length && i < args.length; i++) {
        if (spec.attributes[i] != null && args[i] != null) {
          ApiValues.setAttribute(span, spec.attributes[i], args[i]);
        }
      }
    }
    return new Handle(span, parent.with(span).makeCurrent());
  }

  /** Leaves the method's scope; ends the span now, or when {@code returned} (a {@code CompletionStage}) completes. */
  void end(Object handle, Object returned, Throwable error) {
    if (!(handle instanceof Handle)) {
      return;
    }
    Handle h = (Handle) handle;
    h.scope.close();
    if (error == null && returned instanceof CompletionStage) {
      ((CompletionStage<?>) returned).whenComplete((value, failure) -> finish(h.span, unwrap(failure)));
    } else {
      finish(h.span, error);
    }
  }

  private static void finish(VigilSpan span, Throwable error) {
    if (error != null) {
      span.setStatus(StatusCode.ERROR, null);
      span.setAttribute(AttributeKey.stringKey("error.type"), error.getClass().getName());
      span.recordException(error);
    }
    span.end();
  }

  /** What the stage failed with: the cause a {@code CompletionException} wraps. */
  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  private static final class Handle {
    final VigilSpan span;
    final Scope scope;

    Handle(VigilSpan span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }
  }

  /** What the annotations of one method say. */
  private static final class Spec {
    final String name;
    final SpanKind kind;
    /** Per parameter: the attribute name, or null when the parameter is not a {@code @SpanAttribute}. */
    final String[] attributes;

    private Spec(String name, SpanKind kind, String[] attributes) {
      this.name = name;
      this.kind = kind;
      this.attributes = attributes;
    }

    static Spec of(Method m) {
      String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
      SpanKind kind = SpanKind.INTERNAL;
      Annotation withSpan = find(m.getAnnotations(), ApiNames.WITH_SPAN);
      if (withSpan != null) {
        Object value = element(withSpan, "value");
        if (value instanceof String && !((String) value).isEmpty()) {
          name = (String) value;
        }
        Object k = element(withSpan, "kind");
        if (k instanceof Enum) {
          try {
            kind = SpanKind.valueOf(((Enum<?>) k).name());
          } catch (IllegalArgumentException unknown) {
            kind = SpanKind.INTERNAL;
          }
        }
      }
      Annotation[][] byParameter = m.getParameterAnnotations();
      Parameter[] parameters = m.getParameters();
      String[] attributes = new String[byParameter.length];
      for (int i = 0; i < byParameter.length; i++) {
        Annotation a = find(byParameter[i], ApiNames.SPAN_ATTRIBUTE);
        if (a != null) {
          Object value = element(a, "value");
          if (value instanceof String && !((String) value).isEmpty()) {
            attributes[i] = (String) value;
          } else if (i < parameters.length && parameters[i].isNamePresent()) {
            attributes[i] = parameters[i].getName();
          }
        }
      }
      return new Spec(name, kind, attributes);
    }

    private static Annotation find(Annotation[] annotations, String type) {
      for (Annotation a : annotations) {
        if (a.annotationType().getName().equals(type)) {
          return a;
        }
      }
      return null;
    }

    private static Object element(Annotation a, String element) {
      try {
        Method m = a.annotationType().getMethod(element);
        return m.invoke(a);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}
