package io.chronoshadow.shadow.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy (or its wire form) was rejected; carries every violation found, not just the first. */
public class InvalidPolicyException extends IllegalArgumentException {

  private final transient List<PolicyViolation> violations;

  public InvalidPolicyException(List<PolicyViolation> violations) {
    super(violations.stream().map(PolicyViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<PolicyViolation> violations() {
    return violations;
  }

  static void throwIfAny(List<PolicyViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException(violations);
    }
  }
}
