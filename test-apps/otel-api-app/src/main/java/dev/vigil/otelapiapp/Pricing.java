package dev.vigil.otelapiapp;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/** A method the application marks as a span of its own. */
public class Pricing {
  @WithSpan("price")
  public String price(@SpanAttribute("item.id") long itemId) {
    Span.current().setAttribute("pricing.currency", "EUR");
    return "9.99";
  }

  /** Unnamed: the span is named after the class and method. Fails, as an audit sometimes does. */
  @WithSpan(kind = SpanKind.CLIENT)
  public void audit(String itemId) {
    throw new IllegalStateException("audit unavailable for " + itemId);
  }
}
