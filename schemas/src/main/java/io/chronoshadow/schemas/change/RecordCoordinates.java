package io.chronoshadow.schemas.change;

/** Where a record came from; partition and offset are null when the caller did not give them. */
public record RecordCoordinates(String topic, Integer partition, Long offset) {
  @Override
  public String toString() {
    return topic
        + (partition == null ? "" : "-" + partition)
        + (offset == null ? "" : "@" + offset);
  }
}
