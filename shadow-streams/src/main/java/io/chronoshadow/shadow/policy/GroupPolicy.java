package io.chronoshadow.shadow.policy;

import io.chronoshadow.schemas.contract.GroupNames;
import java.util.List;
import java.util.Objects;

/** A policy assigned to a shadow group: the unit carried by config, the policies topic and REST. */
public record GroupPolicy(String group, BucketPolicy policy) {

  public GroupPolicy {
    GroupNames.problem(group)
        .ifPresent(
            p -> {
              throw new InvalidPolicyException(List.of(new PolicyViolation("group", p)));
            });
    Objects.requireNonNull(policy, "policy");
  }
}
