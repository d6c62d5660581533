package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.signals.CacheRequests;
import dev.vigil.agent.signals.DbOperationRegistry;
import dev.vigil.agent.signals.OperationSeries;
import dev.vigil.bootstrap.RedisCall;
import io.lettuce.core.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisClientRecorderTest {
  private final DbOperationRegistry registry = new DbOperationRegistry(100);
  private final CacheRequests cache = new CacheRequests();
  private final RedisClientRecorder recorder = new RedisClientRecorder(registry, cache, false);

  @Test
  void recordsEachCommandUnderItsBoundedName() {
    byte[] get = bytes("GET");
    run(get, "v");
    run(get, "v");
    run(bytes("get"), null);
    run(bytes("SOMEMODULE.CMD"), null);
    run(bytes("x".repeat(500)), null);
    run(null, null);
    assertThat(count("GET", null)).isEqualTo(3);
    assertThat(count(RedisCommands.OTHER, null)).as("unknown commands fold").isEqualTo(3);
    assertThat(registry.all()).allMatch(s -> s.system.equals("redis") && s.target == null);
  }

  @Test
  void errorsCarryTheirType() {
    RedisCall call = recorder.start(null, bytes("AUTH"), null);
    call.end(null, new IllegalStateException("WRONGPASS"));
    call.end(null, null); // a second end is ignored
    assertThat(count("AUTH", IllegalStateException.class.getName())).isEqualTo(1);
    assertThat(count("AUTH", null)).isZero();
  }

  @Test
  void countsHitsAndMissesOfCacheReads() {
    run(bytes("GET"), "v");
    run(bytes("GET"), null);
    run(bytes("HGET"), new byte[] {1});
    run(bytes("GETDEL"), null);
    run(bytes("MGET"), Arrays.asList("a", null, "c"));
    run(bytes("HMGET"), List.of(KeyValue.just("f", "v"), KeyValue.empty("g"))); // Lettuce's shape
    run(bytes("SET"), null); // not a read
    run(bytes("LRANGE"), Arrays.asList((Object) null)); // not a cache read either
    CacheRequests.Counts redis = cache.counts("redis");
    assertThat(redis.hits()).isEqualTo(5);
    assertThat(redis.misses()).isEqualTo(4);
  }

  @Test
  void failedReadsAreNeitherHitsNorMisses() {
    recorder.start(null, bytes("GET"), null).end(null, new RuntimeException());
    assertThat(cache.counts("redis").hits() + cache.counts("redis").misses()).isZero();
  }

  @Test
  void queuedCommandsEndWhenTheirReplyArrives() {
    Object first = new Object();
    Object second = new Object();
    recorder.queued(first, bytes("GET"), null);
    recorder.queued(second, bytes("GET"), null);
    assertThat(count("GET", null)).isZero();
    assertThat(recorder.queuedCount()).isEqualTo(2);
    recorder.replied(first, new byte[] {1});
    recorder.replied(second, null);
    recorder.replied(new Object(), null); // a response nobody queued (not pipelined by an instrumented path)
    assertThat(count("GET", null)).isEqualTo(2);
    assertThat(cache.counts("redis").hits()).isEqualTo(1);
    assertThat(cache.counts("redis").misses()).isEqualTo(1);
    assertThat(recorder.queuedCount()).isZero();
    Object failed = new Object();
    recorder.queued(failed, bytes("INCR"), null);
    recorder.replied(failed, new IllegalArgumentException("WRONGTYPE"));
    assertThat(count("INCR", IllegalArgumentException.class.getName())).isEqualTo(1);
  }

  @Test
  void credentialCommandsAreMaskedAndKeysAreCut() {
    RedisCommands commands = new RedisCommands();
    for (String masked : new String[] {"AUTH", "HELLO", "CONFIG", "ACL", "MIGRATE"}) {
      assertThat(commands.op(bytes(masked)).masked).as(masked).isTrue();
    }
    assertThat(commands.op(bytes("GET")).masked).isFalse();
    assertThat(commands.op(bytes("FOO")).masked).as("unknown: no key either").isTrue();
    byte[] get = bytes("GET");
    assertThat(commands.op(get)).isSameAs(commands.op(get));
    assertThat(RedisKeys.text(bytes("k".repeat(1000)))).hasSize(RedisKeys.MAX_LENGTH);
    assertThat(RedisKeys.text(java.nio.ByteBuffer.wrap(bytes("user:1")))).isEqualTo("user:1");
  }

  @Test
  void keyCaptureFollowsConfig() {
    assertThat(recorder.captureKey()).isFalse();
    assertThat(new RedisClientRecorder(registry, cache, true).captureKey()).isTrue();
  }

  private void run(byte[] command, Object reply) {
    RedisCall call = recorder.start(null, command, null);
    call.end(reply, null);
  }

  private long count(String operation, String errorType) {
    return registry.all().stream()
        .filter(s -> s.operation.equals(operation) && java.util.Objects.equals(s.errorType, errorType))
        .mapToLong(OperationSeries::count).sum();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
