package dev.vigil.agent.recording;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Redis command names, bounded: a fixed table of the commands Redis documents; anything else (a module's command, a
 * typo, garbage) is {@code _other}. Clients send a command's name as the same byte array every time (an enum's bytes),
 * so names are resolved once per array and then found by identity without allocating.
 */
final class RedisCommands {
  static final String OTHER = "_other";
  /** Reads whose nil reply is a cache miss: one answer per command. */
  static final int READ_ONE = 1;
  /** Reads with one answer per key or field (MGET, HMGET). */
  static final int READ_MANY = 2;

  private static final String KNOWN = "APPEND AUTH BGREWRITEAOF BGSAVE BITCOUNT BITFIELD BITFIELD_RO BITOP BITPOS"
      + " BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX BZPOPMIN CLIENT CLUSTER COMMAND CONFIG COPY DBSIZE DEBUG"
      + " DECR DECRBY DEL DISCARD DUMP ECHO EVAL EVALSHA EVALSHA_RO EVAL_RO EXEC EXISTS EXPIRE EXPIREAT EXPIRETIME FCALL"
      + " FCALL_RO FLUSHALL FLUSHDB FUNCTION GEOADD GEODIST GEOHASH GEOPOS GEORADIUS GEORADIUSBYMEMBER GEOSEARCH"
      + " GEOSEARCHSTORE GET GETBIT GETDEL GETEX GETRANGE GETSET HDEL HELLO HEXISTS HEXPIRE HGET HGETALL HGETDEL HGETEX"
      + " HINCRBY HINCRBYFLOAT HKEYS HLEN HMGET HMSET HPERSIST HPEXPIRE HRANDFIELD HSCAN HSET HSETEX HSETNX HSTRLEN HTTL"
      + " HVALS INCR INCRBY INCRBYFLOAT INFO KEYS LASTSAVE LATENCY LCS LINDEX LINSERT LLEN LMOVE LMPOP LOLWUT LPOP LPOS"
      + " LPUSH LPUSHX LRANGE LREM LSET LTRIM MEMORY MGET MIGRATE MODULE MONITOR MOVE MSET MSETNX MULTI OBJECT PERSIST"
      + " PEXPIRE PEXPIREAT PEXPIRETIME PFADD PFCOUNT PFMERGE PING PSETEX PSUBSCRIBE PUBLISH PUBSUB PTTL PUNSUBSCRIBE QUIT"
      + " RANDOMKEY READONLY READWRITE RENAME RENAMENX REPLICAOF RESET RESTORE ROLE RPOP RPOPLPUSH RPUSH RPUSHX SADD SAVE"
      + " SCAN SCARD SCRIPT SDIFF SDIFFSTORE SELECT SET SETBIT SETEX SETNX SETRANGE SHUTDOWN SINTER SINTERCARD"
      + " SINTERSTORE SISMEMBER SLAVEOF SLOWLOG SMEMBERS SMISMEMBER SMOVE SORT SORT_RO SPOP SPUBLISH SRANDMEMBER SREM"
      + " SSCAN SSUBSCRIBE STRLEN SUBSCRIBE SUBSTR SUNION SUNIONSTORE SUNSUBSCRIBE SWAPDB SYNC TIME TOUCH TTL TYPE UNLINK"
      + " UNSUBSCRIBE UNWATCH WAIT WAITAOF WATCH XACK XADD XAUTOCLAIM XCLAIM XDEL XGROUP XINFO XLEN XPENDING XRANGE XREAD"
      + " XREADGROUP XREVRANGE XSETID XTRIM ZADD ZCARD ZCOUNT ZDIFF ZDIFFSTORE ZINCRBY ZINTER ZINTERCARD ZINTERSTORE"
      + " ZLEXCOUNT ZMPOP ZMSCORE ZPOPMAX ZPOPMIN ZRANDMEMBER ZRANGE ZRANGEBYLEX ZRANGEBYSCORE ZRANGESTORE ZRANK ZREM"
      + " ZREMRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREVRANGE ZREVRANGEBYLEX ZREVRANGEBYSCORE ZREVRANK ZSCAN ZSCORE"
      + " ZUNION ZUNIONSTORE";
  /** Commands whose arguments are credentials or server settings: nothing of them is ever recorded, not even a key. */
  private static final Set<String> MASKED = Set.of("AUTH", "HELLO", "CONFIG", "ACL", "MIGRATE");
  private static final Map<String, Op> BY_NAME = new HashMap<>();
  static final Op OTHER_OP;

  static {
    int index = 0;
    for (String name : KNOWN.split(" ")) {
      BY_NAME.put(name, new Op(index++, name, kind(name), MASKED.contains(name)));
    }
    BY_NAME.put("ACL", new Op(index++, "ACL", 0, true));
    OTHER_OP = new Op(index, OTHER, 0, true);
  }

  private static final int SLOTS = 1024;
  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

  /** Number of distinct operations, {@code _other} included (indexes of {@link Op#index} are below it). */
  static int count() {
    return BY_NAME.size() + 1;
  }

  /** The operation of a command sent as {@code raw} (its name's bytes); {@code _other} when unknown or absent. */
  Op op(byte[] raw) {
    if (raw == null) {
      return OTHER_OP;
    }
    int i = System.identityHashCode(raw) & (SLOTS - 1);
    Slot slot = slots.get(i);
    if (slot != null && slot.raw == raw) {
      return slot.op;
    }
    Op op = lookup(raw);
    slots.set(i, new Slot(raw, op)); // the array is the client's constant: holding it keeps nothing alive
    return op;
  }

  static Op lookup(byte[] raw) {
    if (raw.length == 0 || raw.length > 20) {
      return OTHER_OP;
    }
    Op op = BY_NAME.get(new String(raw, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT));
    return op != null ? op : OTHER_OP;
  }

  private static int kind(String name) {
    switch (name) {
      case "GET":
      case "HGET":
      case "GETEX":
      case "GETDEL":
        return READ_ONE;
      case "MGET":
      case "HMGET":
        return READ_MANY;
      default:
        return 0;
    }
  }

  /** A command as recorded: its bounded name, whether it is a cache read, whether its key may never be recorded. */
  static final class Op {
    final int index;
    final String name;
    final int readKind;
    final boolean masked;

    Op(int index, String name, int readKind, boolean masked) {
      this.index = index;
      this.name = name;
      this.readKind = readKind;
      this.masked = masked;
    }
  }

  private static final class Slot {
    final byte[] raw;
    final Op op;

    Slot(byte[] raw, Op op) {
      this.raw = raw;
      this.op = op;
    }
  }
}
