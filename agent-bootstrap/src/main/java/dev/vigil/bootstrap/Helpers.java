package dev.vigil.bootstrap;

/**
 * Makes agent helper classes (a library's interceptor, say) that must live next to the library: defined in the class
 * loader of a library class, since agent classes are not visible from it. Implemented by the agent.
 */
public interface Helpers {
  Helpers NOOP = (anchor, className) -> null;

  /**
   * A new instance of the agent's helper {@code className} (its nested classes along), defined in the class loader of
   * {@code anchor}; null when it cannot be (the failure is logged once by the agent).
   */
  Object create(Class<?> anchor, String className);

  /**
   * The one instance of the helper {@code className} next to {@code anchor}, made on first use and kept as long as
   * {@code anchor}'s class: for helpers used per call (Kafka's per-message wrappers), cheap after the first.
   */
  default Object shared(Class<?> anchor, String className) {
    return create(anchor, className);
  }
}
