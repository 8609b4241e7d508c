package io.chronoshadow.shadow.dependency;

/**
 * A dependency stayed unavailable longer than a stream thread may wait for it in place. The outage
 * was already reported once; whoever catches this replaces the thread without another stack trace.
 */
public final class DependencyUnavailableException extends RuntimeException {

  private final Dependency dependency;

  public DependencyUnavailableException(Dependency dependency, String message, Throwable cause) {
    super(message, cause);
    this.dependency = dependency;
  }

  public Dependency dependency() {
    return dependency;
  }
}
