package dev.vigil.agent.insight;

import static dev.vigil.agent.insight.ApiJson.number;
import static dev.vigil.agent.insight.ApiJson.write;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** {@code /vigil/api/saturation}: executors, connection pools, server pools, GC, CPU and virtual-thread pinning. */
final class SaturationJson {
  private SaturationJson() {}

  static byte[] saturation(Insight in, Live live) throws IOException {
    return write(g -> {
      g.writeStartObject();
      executors(g, "executors", live.pools, PoolView.EXECUTOR);
      g.writeArrayFieldStart("connection_pools");
      for (PoolView p : live.pools) {
        if (PoolView.CONNECTION_POOL.equals(p.kind)) {
          g.writeStartObject();
          g.writeStringField("name", p.name);
          g.writeNumberField("active", p.active);
          g.writeNumberField("idle", p.idle);
          g.writeNumberField("max", p.max);
          g.writeNumberField("pending", p.pending);
          number(g, "wait_p99_ms", p.waitP99Ms);
          number(g, "utilization", p.utilization());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      executors(g, "server_pools", live.pools, PoolView.SERVER);
      g.writeObjectFieldStart("gc");
      number(g, "time_ratio", live.jvm.gcTimeRatio);
      number(g, "heap_after_gc_ratio", live.jvm.heapAfterGcRatio);
      g.writeEndObject();
      g.writeObjectFieldStart("cpu");
      number(g, "process", live.jvm.processCpu);
      number(g, "system", live.jvm.systemCpu);
      g.writeEndObject();
      g.writeObjectFieldStart("virtual_threads");
      g.writeNumberField("pinned_total", in.pinned == null ? 0 : in.pinned.getAsLong());
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void executors(JsonGenerator g, String field, List<PoolView> pools, String kind) throws IOException {
    g.writeArrayFieldStart(field);
    for (PoolView p : pools) {
      if (kind.equals(p.kind)) {
        g.writeStartObject();
        g.writeStringField("name", p.name);
        g.writeNumberField("active", p.active);
        g.writeNumberField("max", p.max);
        g.writeNumberField("queued", p.pending);
        number(g, "utilization", p.utilization());
        number(g, "queue_wait_p99_ms", p.waitP99Ms);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }
}
