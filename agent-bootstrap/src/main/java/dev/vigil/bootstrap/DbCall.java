package dev.vigil.bootstrap;

/** One database operation in flight, ended once by the instrumentation that started it. */
public abstract class DbCall {
  /** The operation is over; {@code error} is what the driver threw, or null. */
  public abstract void end(Throwable error);
}
