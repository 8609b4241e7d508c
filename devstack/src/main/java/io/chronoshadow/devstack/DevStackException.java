package io.chronoshadow.devstack;

import java.util.List;

/**
 * A problem that stops the dev stack from starting or running, phrased for the person at the
 * keyboard: one line per problem, each naming what is wrong and what to do about it.
 */
public final class DevStackException extends RuntimeException {

  private final List<String> problems;

  public DevStackException(String problem) {
    this(List.of(problem), null);
  }

  public DevStackException(String problem, Throwable cause) {
    this(List.of(problem), cause);
  }

  public DevStackException(List<String> problems) {
    this(problems, null);
  }

  private DevStackException(List<String> problems, Throwable cause) {
    super(String.join(System.lineSeparator(), problems), cause);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DevStackException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** One human-readable line per problem. */
  public List<String> problems() {
    return problems;
  }
}
