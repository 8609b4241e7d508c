package io.chronoshadow.shadow.cut;

import io.chronoshadow.shadow.policy.BucketPolicy;
import java.util.Objects;

/** A new bucket policy for the group. It applies from the next cut: see {@link CutPlanner}. */
public record PolicyChange(BucketPolicy policy) implements PlannerInput {

  public PolicyChange {
    Objects.requireNonNull(policy, "policy");
  }
}
