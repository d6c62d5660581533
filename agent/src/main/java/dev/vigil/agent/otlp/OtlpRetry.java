package dev.vigil.agent.otlp;

import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * The OTLP exporter retry rule: a retryable status (gRPC or HTTP) or a transport failure is tried again after an exponential
 * backoff with full jitter, up to the policy's attempts, and never past the export's own timeout.
 */
final class OtlpRetry {
  /** One attempt, given the milliseconds left. */
  interface Attempt<T> {
    T call(long remainingMillis) throws IOException;
  }

  private OtlpRetry() {}

  static <T> T run(RetryPolicy policy, long timeoutMillis, Attempt<T> attempt, Predicate<T> retryable)
      throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    int attempts = policy == null ? 1 : Math.max(1, policy.getMaxAttempts());
    double backoff = policy == null ? 0 : policy.getInitialBackoff().toMillis();
    for (int i = 1; ; i++) {
      T result = null;
      IOException failure = null;
      try {
        result = attempt.call(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        if (!retryable.test(result)) {
          return result;
        }
      } catch (IOException e) {
        if (!retryableFailure(policy, e)) {
          throw e;
        }
        failure = e;
      }
      long sleep = (long) (ThreadLocalRandom.current().nextDouble()
          * Math.min(backoff, policy == null ? 0 : policy.getMaxBackoff().toMillis()));
      if (i >= attempts || System.nanoTime() + sleep * 1_000_000L >= deadline) {
        if (failure != null) {
          throw failure;
        }
        return result;
      }
      LockSupport.parkNanos(sleep * 1_000_000L); // the channel's shutdown unparks it; the next attempt then fails
      backoff *= policy.getBackoffMultiplier();
    }
  }

  /** The policy's own test if it has one; otherwise any I/O failure but a TLS one (a bad certificate stays bad). */
  private static boolean retryableFailure(RetryPolicy policy, IOException e) {
    if (policy != null && policy.getRetryExceptionPredicate() != null) {
      return policy.getRetryExceptionPredicate().test(e);
    }
    return !(e instanceof SSLException);
  }
}
