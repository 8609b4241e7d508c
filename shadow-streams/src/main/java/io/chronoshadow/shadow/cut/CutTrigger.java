package io.chronoshadow.shadow.cut;

/** Why a cut was made. */
public enum CutTrigger {
  /** A bucket boundary of the group's policy. */
  SCHEDULED,
  /** A {@link ManualCutRequest} inside the open bucket. */
  MANUAL
}
