package dev.vigil.otelapiapp;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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

  /** Answers later, on another thread: the span lasts until the answer, not until the method returns. */
  @WithSpan("quote")
  public CompletableFuture<String> quote(@SpanAttribute("item.id") String itemId) {
    return CompletableFuture.supplyAsync(() -> "7.50", CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
  }

  /** Fails later: the span's error is what the stage failed with. */
  @WithSpan("reserve")
  public CompletionStage<String> reserve(String itemId) {
    return CompletableFuture.supplyAsync(() -> {
      throw new IllegalStateException("no stock for " + itemId);
    }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
  }
}
