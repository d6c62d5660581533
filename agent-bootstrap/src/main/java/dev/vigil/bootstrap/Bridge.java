package dev.vigil.bootstrap;

/**
 * The static holder advice code calls. It lives on the bootstrap class path so that classes of every class loader,
 * JDK classes included, can see it. The agent installs real handlers once at start-up; until then (or when Vigil is
 * disabled) every handler is a no-op.
 */
public final class Bridge {
  private static volatile HttpServerHandler httpServer = HttpServerHandler.NOOP;
  private static volatile DbClientHandler db = DbClientHandler.NOOP;
  private static volatile ConnectionPoolHandler connectionPools = ConnectionPoolHandler.NOOP;
  private static volatile ContextCarrier context = ContextCarrier.NOOP;
  private static volatile HttpClientHandler httpClient = HttpClientHandler.NOOP;
  private static volatile ExecutorHandler executors = ExecutorHandler.NOOP;
  private static volatile LogHandler logs = LogHandler.NOOP;
  private static volatile RedisClientHandler redis = RedisClientHandler.NOOP;
  private static volatile RpcHandler rpc = RpcHandler.NOOP;
  private static volatile Helpers helpers = Helpers.NOOP;
  private static volatile OtelApiHandler otelApi = OtelApiHandler.NOOP;
  private static volatile MessagingHandler messaging = MessagingHandler.NOOP;

  private Bridge() {}

  public static HttpServerHandler httpServer() {
    return httpServer;
  }

  public static void install(HttpServerHandler handler) {
    httpServer = handler == null ? HttpServerHandler.NOOP : handler;
  }

  public static DbClientHandler db() {
    return db;
  }

  public static void install(DbClientHandler handler) {
    db = handler == null ? DbClientHandler.NOOP : handler;
  }

  public static ConnectionPoolHandler connectionPools() {
    return connectionPools;
  }

  public static void install(ConnectionPoolHandler handler) {
    connectionPools = handler == null ? ConnectionPoolHandler.NOOP : handler;
  }

  public static ContextCarrier context() {
    return context;
  }

  public static void install(ContextCarrier carrier) {
    context = carrier == null ? ContextCarrier.NOOP : carrier;
  }

  public static HttpClientHandler httpClient() {
    return httpClient;
  }

  public static void install(HttpClientHandler handler) {
    httpClient = handler == null ? HttpClientHandler.NOOP : handler;
  }

  public static ExecutorHandler executors() {
    return executors;
  }

  public static void install(ExecutorHandler handler) {
    executors = handler == null ? ExecutorHandler.NOOP : handler;
  }

  public static LogHandler logs() {
    return logs;
  }

  public static void install(LogHandler handler) {
    logs = handler == null ? LogHandler.NOOP : handler;
  }

  public static RedisClientHandler redis() {
    return redis;
  }

  public static void install(RedisClientHandler handler) {
    redis = handler == null ? RedisClientHandler.NOOP : handler;
  }

  public static RpcHandler rpc() {
    return rpc;
  }

  public static void install(RpcHandler handler) {
    rpc = handler == null ? RpcHandler.NOOP : handler;
  }

  public static Helpers helpers() {
    return helpers;
  }

  public static void install(Helpers handler) {
    helpers = handler == null ? Helpers.NOOP : handler;
  }

  public static OtelApiHandler otelApi() {
    return otelApi;
  }

  public static void install(OtelApiHandler handler) {
    otelApi = handler == null ? OtelApiHandler.NOOP : handler;
  }

  public static MessagingHandler messaging() {
    return messaging;
  }

  public static void install(MessagingHandler handler) {
    messaging = handler == null ? MessagingHandler.NOOP : handler;
  }
}
