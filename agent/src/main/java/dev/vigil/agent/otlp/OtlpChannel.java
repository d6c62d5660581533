package dev.vigil.agent.otlp;

import io.opentelemetry.sdk.common.export.MessageWriter;

/**
 * One signal's OTLP destination (traces, logs or metrics) with its endpoint, protocol, headers, TLS, compression and
 * timeout already resolved. A send blocks the calling export thread and returns within the signal's export timeout,
 * whatever the peer does; the caller counts the outcome.
 */
public interface OtlpChannel {
  enum Outcome { SENT, FAILED, TIMEOUT }

  /** Sends one uncompressed OTLP export request message (ExportTraceServiceRequest, ...Logs..., ...Metrics...). */
  Outcome send(MessageWriter request);

  /** Unblocks a send in flight and releases connections; returns within {@code timeoutMillis}. */
  void shutdown(long timeoutMillis);
}
