package io.chronoshadow.schemas.change;

/** What one Kafka record from a Debezium topic turned out to be. */
public sealed interface DecodedRecord permits ChangeEvent, Tombstone, TransactionEvent, Heartbeat {}
