package dev.vigil.agent.recording;

import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.NPlusOneFindings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * Flags a request that runs the same statement at least {@code threshold} times (an N+1 query pattern, usually a
 * query per item of a list). Counts live in a small per-thread table, keyed by the request (the reused call object and
 * its sequence number), so it resets itself when the next request begins; at most {@link #MAX_STATEMENTS} distinct
 * statements are counted per request. Statements run outside an inbound request are not counted. A statement that
 * crosses the threshold is remembered on the request and reported when the request ends, with its final count: the
 * span event, {@code vigil_db_n_plus_one_queries_total} and /vigil/signals all see that one count, under the request's
 * final route.
 */
public final class NPlusOneDetector {
  static final int MAX_STATEMENTS = 64;
  private static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<Long> COUNT = AttributeKey.longKey("vigil.n_plus_one.count");
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  private final HttpServerRecorder http;
  private final NPlusOneFindings findings;
  private final int threshold;
  private final ThreadLocal<Table> tables = ThreadLocal.withInitial(Table::new);

  public NPlusOneDetector(HttpServerRecorder http, NPlusOneFindings findings, int threshold) {
    this.http = http;
    this.findings = findings;
    this.threshold = Math.max(2, threshold);
  }

  void executed(DbTarget target) {
    HttpServerRecorder.Call request = http.currentCall();
    if (request == null) {
      return;
    }
    Table table = tables.get();
    if (table.request != request || table.sequence != request.sequence()) {
      table.reset(request, request.sequence());
    }
    int i = table.indexOf(target);
    if (i < 0) {
      i = table.add(target);
      if (i < 0) {
        return;
      }
    }
    int count = ++table.counts[i];
    if (count == threshold) {
      Flagged f = new Flagged(this, target, count);
      table.flagged[i] = f;
      request.flag(f);
    } else if (count > threshold && table.flagged[i] != null) {
      table.flagged[i].count = count;
    }
  }

  /** The request ended: reports each statement it flagged, once, with its final count, under its final route. */
  static void requestEnded(Flagged flagged, String route, Span span) {
    for (Flagged f = flagged; f != null; f = f.next) {
      try {
        f.detector.found(route, span, f.target, f.count);
      } catch (Throwable t) {
        AgentLog.once(AgentLog.Level.WARN, "n+1-report", "could not report an N+1 finding", t);
      }
    }
  }

  private void found(String route, Span span, DbTarget target, int count) {
    String statement = target.sql.text;
    String traceId = null;
    if (span != null && span.getSpanContext().isSampled()) {
      span.addEvent("vigil.n_plus_one", Attributes.of(STATEMENT, statement, COUNT, (long) count, SYSTEM,
          target.db.system));
      traceId = span.getSpanContext().getTraceId();
    }
    AgentLog.once(AgentLog.Level.WARN, "n+1:" + route + '\n' + statement, "N+1 queries: a request to " + route
        + " ran the same statement " + count + " times (" + target.db.system + "): " + statement
        + " (vigil.n_plus_one.threshold=" + threshold + ")", null);
    NPlusOneFindings.Finding finding = findings.report(route, target.db.system, statement, count);
    if (finding != null && traceId != null) {
      finding.example(traceId);
    }
  }

  /** A statement one request ran at least the threshold number of times; its count goes on until the request ends. */
  static final class Flagged {
    final NPlusOneDetector detector;
    final DbTarget target;
    volatile int count;
    Flagged next;

    Flagged(NPlusOneDetector detector, DbTarget target, int count) {
      this.detector = detector;
      this.target = target;
      this.count = count;
    }
  }

  /** Statement counts of the current request on one thread. */
  private static final class Table {
    Object request;
    long sequence;
    final DbTarget[] targets = new DbTarget[MAX_STATEMENTS];
    final int[] counts = new int[MAX_STATEMENTS];
    final Flagged[] flagged = new Flagged[MAX_STATEMENTS];
    int size;

    void reset(Object request, long sequence) {
      this.request = request;
      this.sequence = sequence;
      java.util.Arrays.fill(targets, 0, size, null);
      java.util.Arrays.fill(flagged, 0, size, null);
      java.util.Arrays.fill(counts, 0, size, 0);
      size = 0;
    }

    int indexOf(DbTarget target) {
      for (int i = 0; i < size; i++) {
        if (targets[i] == target) {
          return i;
        }
      }
      String text = target.sql.text;
      for (int i = 0; i < size; i++) { // the same SQL through another cache entry (the cache restarted)
        DbTarget t = targets[i];
        if (t.db.system.equals(target.db.system) && t.sql.text.hashCode() == text.hashCode()
            && t.sql.text.equals(text)) {
          return i;
        }
      }
      return -1;
    }

    int add(DbTarget target) {
      if (size == MAX_STATEMENTS) {
        return -1;
      }
      targets[size] = target;
      return size++;
    }
  }
}
