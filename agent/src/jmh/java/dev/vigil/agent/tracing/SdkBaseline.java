package dev.vigil.agent.tracing;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * The path Vigil's own spans replaced, for comparison: the OpenTelemetry SDK tracer (sampler, span limits as Vigil
 * configured them) behind the processor Vigil had (a bounded MPSC queue) and, on its export thread, what the SDK's
 * OTLP exporter did per batch: {@code toSpanData()} and the low-allocation OTLP marshaler, into a discarding stream.
 */
final class SdkBaseline implements SpanProcessor, Runnable {
  static final int BATCH = 512;

  final SdkTracerProvider provider;
  final Tracer tracer;
  private final MpscAtomicArrayQueue<ReadableSpan> queue = new MpscAtomicArrayQueue<>(2048);
  private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();
  private final Thread worker = new Thread(this, "sdk-baseline-export");
  private final boolean exportThread;
  private volatile boolean stopping;

  /** {@code exportThread}: ended spans are queued and exported by a thread, else they are left to the caller. */
  SdkBaseline(Sampler sampler, Resource resource, boolean exportThread) {
    this.exportThread = exportThread;
    provider = SdkTracerProvider.builder().setResource(resource).setSampler(sampler)
        .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(128).setMaxNumberOfEvents(128)
            .setMaxAttributeValueLength(4096).build())
        .addSpanProcessor(this).build();
    tracer = provider.get("dev.vigil");
    worker.setDaemon(true);
    worker.start();
  }

  /** Encodes {@code spans} as the SDK's exporter did: a SpanData copy of each, then the OTLP marshaler. */
  void export(List<ReadableSpan> spans, OutputStream out) throws IOException {
    List<SpanData> data = new ArrayList<>(spans.size());
    for (ReadableSpan s : spans) {
      data.add(s.toSpanData());
    }
    marshaler.initialize(data);
    marshaler.writeBinaryTo(out);
    marshaler.reset();
  }

  @Override
  public void run() {
    List<ReadableSpan> batch = new ArrayList<>(BATCH);
    while (!stopping) {
      ReadableSpan s;
      while (batch.size() < BATCH && (s = queue.relaxedPoll()) != null) {
        batch.add(s);
      }
      if (batch.isEmpty()) {
        LockSupport.parkNanos(1_000_000);
        continue;
      }
      try {
        export(batch, OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      batch.clear();
    }
  }

  void stop() {
    stopping = true;
    provider.close();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (exportThread && span.getSpanContext().isSampled()) {
      queue.relaxedOffer(span); // a full queue drops, as Vigil's processor did
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}
