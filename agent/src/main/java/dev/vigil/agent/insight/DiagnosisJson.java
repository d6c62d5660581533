package dev.vigil.agent.insight;

import static dev.vigil.agent.insight.ApiJson.number;
import static dev.vigil.agent.insight.ApiJson.strings;
import static dev.vigil.agent.insight.ApiJson.write;

import java.io.IOException;

/** {@code /vigil/api/diagnosis}: every route's ranked causes, the anomalies and the SLO burns. */
final class DiagnosisJson {
  private DiagnosisJson() {}

  static byte[] diagnosis(Insight in, Live live) throws IOException {
    Diagnosis d = Diagnosis.of(in, live);
    return write(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("routes");
      for (Diagnosis.RouteDiagnosis r : d.routes) {
        g.writeStartObject();
        g.writeStringField("method", r.method);
        g.writeStringField("route", r.route);
        g.writeBooleanField("healthy", r.healthy);
        g.writeArrayFieldStart("causes");
        for (Cause c : r.causes) {
          g.writeStartObject();
          g.writeStringField("kind", c.kind);
          number(g, "score", c.score);
          g.writeStringField("title", c.title);
          strings(g, "evidence", c.evidence);
          strings(g, "trace_ids", c.traceIds);
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("anomalies");
      for (Diagnosis.Anomaly a : d.anomalies) {
        g.writeStartObject();
        g.writeStringField("method", a.method);
        g.writeStringField("route", a.route);
        g.writeStringField("signal", a.signal);
        number(g, "z", a.z.z);
        number(g, "value", a.z.value);
        number(g, "mean", a.z.mean);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("slo");
      for (Slo.Burn b : d.slo) {
        g.writeStartObject();
        g.writeStringField("method", b.method);
        g.writeStringField("route", b.route);
        g.writeStringField("objective", b.objective);
        number(g, "burn_rate", b.burnRate);
        number(g, "budget_left", b.budgetLeft());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }
}
