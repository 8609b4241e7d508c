package io.chronoshadow.schemas.change;

import java.time.Instant;
import java.util.List;

/**
 * A record of Debezium's transaction metadata topic.
 *
 * @param eventCount the transaction's number of change events; null on BEGIN
 * @param dataCollections per-table event counts; empty on BEGIN
 * @param timestamp the record's {@code ts_ms}
 */
public record TransactionEvent(
    Status status,
    String id,
    Long eventCount,
    List<DataCollectionCount> dataCollections,
    Instant timestamp)
    implements DecodedRecord {

  public enum Status {
    BEGIN,
    END
  }

  /** How many change events of one transaction a table ({@code schema.table}) received. */
  public record DataCollectionCount(String dataCollection, long eventCount) {}

  public TransactionEvent {
    dataCollections = List.copyOf(dataCollections);
  }
}
