package dev.vigil.agent.recording;

import dev.vigil.agent.db.ExceptionText;
import dev.vigil.agent.logging.AgentLog;
import dev.vigil.agent.signals.CacheRequests;
import dev.vigil.agent.signals.DbOperationRegistry;
import dev.vigil.agent.signals.OperationSeries;
import dev.vigil.agent.tracing.SpanShape;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import dev.vigil.bootstrap.RedisCall;
import dev.vigil.bootstrap.RedisClientHandler;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records Redis commands (Jedis, Lettuce): {@code db.client.operation.duration} with {@code db_system_name=redis} and
 * the command as the operation, a CLIENT span, and hits and misses of cache reads. Arguments never reach this class;
 * the key does only when {@code vigil.redis.capture_key} is on, and is dropped for credential-bearing commands.
 * Pipelined and transactional commands are remembered (weakly, capped) from the moment they are sent until their reply.
 */
public final class RedisClientRecorder implements RedisClientHandler {
  static final String SYSTEM = "redis";
  static final int MAX_QUEUED = 100_000;
  private static final SpanShape SHAPE = new SpanShape();
  private static final int SYSTEM_NAME = SHAPE.text("db.system.name");
  private static final int OPERATION = SHAPE.text("db.operation.name");
  private static final int KEY = SHAPE.text("db.redis.key");
  private static final int ERROR_TYPE = SHAPE.text("error.type");
  static final int SERVER_ADDRESS = SHAPE.text("server.address");
  static final int SERVER_PORT = SHAPE.number("server.port");

  private final DbOperationRegistry registry;
  private final CacheRequests.Counts cache;
  private final boolean captureKey;
  private final RedisCommands commands = new RedisCommands();
  private final AtomicReferenceArray<OperationSeries> series = new AtomicReferenceArray<>(RedisCommands.count());
  private final WeakIdentityMap<Object, Call> queued = new WeakIdentityMap<>(MAX_QUEUED);
  private final RedisEndpoints endpoints = new RedisEndpoints();

  public RedisClientRecorder(DbOperationRegistry registry, CacheRequests cache, boolean captureKey) {
    this.registry = registry;
    this.cache = cache.counts(SYSTEM);
    this.captureKey = captureKey;
  }

  @Override
  public boolean captureKey() {
    return captureKey;
  }

  @Override
  public RedisCall start(Object connection, byte[] command, Object key) {
    try {
      if (Tracing.instrumentationSuppressed()) {
        return null;
      }
      RedisCommands.Op op = commands.op(command);
      return new Call(this, op, span(op, connection, key));
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  @Override
  public void queued(Object response, byte[] command, Object key) {
    RedisCall call = start(null, command, key);
    if (call != null && !queued.put(response, (Call) call)) {
      call.end(null, null); // too many replies outstanding: counted now, without its reply
    }
  }

  @Override
  public void replied(Object response, Object reply) {
    Call call = queued.remove(response);
    if (call != null) {
      boolean error = reply instanceof Throwable;
      call.end(error ? null : reply, error ? (Throwable) reply : null);
    }
  }

  /** Pipelined commands waiting for their reply (for tests). */
  int queuedCount() {
    return queued.size();
  }

  /**
   * The CLIENT span, a child of the current span; null when tracing is off, no trace is current (as for JDBC) or it
   * is not sampled.
   */
  private VigilSpan span(RedisCommands.Op op, Object connection, Object key) {
    if (!Tracing.enabled()) {
      return null;
    }
    Context current = Context.current();
    if (!Tracing.inTrace(current)) {
      return null;
    }
    VigilSpan span = Tracing.startLeaf(current, SpanKind.CLIENT, SHAPE, op.name, null);
    if (span != null) {
      span.setText(SYSTEM_NAME, SYSTEM);
      span.setText(OPERATION, op.name);
      endpoints.describe(connection, span);
      if (key != null && captureKey && !op.masked) {
        span.setText(KEY, RedisKeys.text(key));
      }
    }
    return span;
  }

  private void finish(RedisCommands.Op op, long nanos, Object reply, Throwable error, VigilSpan span) {
    if (error == null) {
      OperationSeries s = series.get(op.index);
      if (s == null) {
        s = registry.series(SYSTEM, op.name, null, null);
        series.set(op.index, s);
      }
      s.record(nanos);
      if (op.readKind != 0) {
        RedisReplies.count(op.readKind, reply, cache);
      }
    } else {
      registry.series(SYSTEM, op.name, null, error.getClass().getName()).record(nanos);
      if (span != null) {
        span.setStatus(StatusCode.ERROR);
        span.setText(ERROR_TYPE, error.getClass().getName());
        span.addEvent("exception", ExceptionText.event(error, null)); // Redis quotes arguments in its errors
      }
    }
    if (span != null) {
      span.end();
    }
  }

  static void failed(Throwable t) {
    AgentLog.once(AgentLog.Level.WARN, "redis-recorder:" + t.getClass().getName(),
        "recording a Redis command failed; the command itself is unaffected", t);
  }

  /** One command; ended once, from the calling thread or the client's I/O thread. */
  static final class Call extends RedisCall {
    private final RedisClientRecorder recorder;
    private final RedisCommands.Op op;
    private final VigilSpan span;
    private final long startNanos = System.nanoTime();
    private volatile boolean ended;

    Call(RedisClientRecorder recorder, RedisCommands.Op op, VigilSpan span) {
      this.recorder = recorder;
      this.op = op;
      this.span = span;
    }

    @Override
    public void end(Object reply, Throwable error) {
      if (ended) {
        return;
      }
      ended = true;
      try {
        recorder.finish(op, System.nanoTime() - startNanos, reply, error, span);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }
}
