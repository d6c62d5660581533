package dev.vigil.otelapiapp;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/** A method the application marks as a span of its own. */
public class Pricing {
  @WithSpan("price")
  public String price(@SpanAttribute("item.id") long itemId) {
    Span.current().setAttribute("pricing.currency", "EUR");
    return "9.99";
  }
}
