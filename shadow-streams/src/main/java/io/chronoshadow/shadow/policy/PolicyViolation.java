package io.chronoshadow.shadow.policy;

/**
 * One reason a policy is invalid: the field in dotted wire form (e.g. {@code adaptive.min}) and
 * what is wrong with it, phrased to follow the field name.
 */
public record PolicyViolation(String field, String problem) {

  @Override
  public String toString() {
    return field + " " + problem;
  }
}
