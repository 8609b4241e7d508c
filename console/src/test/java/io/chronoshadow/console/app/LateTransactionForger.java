package io.chronoshadow.console.app;

import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.schemas.wire.RegistryAvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The test hook for a late transaction: what capture would publish if the source's clock had
 * stepped back across a closed cut — a transaction, in commit order after everything published,
 * whose commit time is before that cut. It rewrites the table's newest change event (same key, the
 * row as it is, so the data stay equal to the source) and a transaction END as a new transaction,
 * in the stack's own Avro schemas.
 */
final class LateTransactionForger {

  private final DevStack stack;
  private final RegistryAvroSerde values;

  LateTransactionForger(DevStack stack) {
    this.stack = stack;
    this.values =
        new RegistryAvroSerde(new SchemaRegistryClient(stack.registryUrl()), false, false);
  }

  /**
   * Publishes one transaction with one no-op update of {@code table} ({@code schema.table}), with
   * commit time {@code commitMillis}; returns its transaction id.
   */
  String publish(String table, long commitMillis) throws Exception {
    String prefix = stack.config().topicPrefix();
    String changeTopic = prefix + "." + table;
    String transactionTopic = prefix + ".transaction";
    long txId = 3_000_000_000L + (UUID.randomUUID().getMostSignificantBits() & 0xffffff);
    String id = txId + ":" + Long.MAX_VALUE / 2;

    ConsumerRecord<byte[], byte[]> lastChange =
        last(
            changeTopic,
            r -> values.deserializer().deserialize(changeTopic, r.value()).get("after") != null);
    GenericRecord change = values.deserializer().deserialize(changeTopic, lastChange.value());
    GenericRecord row = (GenericRecord) change.get("after");
    GenericRecord forged = new GenericData.Record(change.getSchema());
    change.getSchema().getFields().forEach(f -> forged.put(f.name(), change.get(f.name())));
    forged.put("op", "u");
    forged.put("before", row);
    forged.put("after", row);
    GenericRecord source = copy((GenericRecord) change.get("source"));
    source.put("ts_ms", commitMillis);
    source.put("txId", txId);
    source.put("snapshot", null);
    forged.put("source", source);
    Schema txSchema = nonNull(change.getSchema().getField("transaction").schema());
    GenericRecord tx = new GenericData.Record(txSchema);
    tx.put("id", id);
    tx.put("total_order", 1L);
    tx.put("data_collection_order", 1L);
    forged.put("transaction", tx);

    ConsumerRecord<byte[], byte[]> lastEnd =
        last(
            transactionTopic,
            r ->
                "END"
                    .equals(
                        String.valueOf(
                            values
                                .deserializer()
                                .deserialize(transactionTopic, r.value())
                                .get("status"))));
    GenericRecord endTemplate =
        values.deserializer().deserialize(transactionTopic, lastEnd.value());
    GenericRecord end = copy(endTemplate);
    end.put("id", id);
    end.put("ts_ms", commitMillis);
    end.put("event_count", 1L);
    Schema collectionsSchema = nonNull(end.getSchema().getField("data_collections").schema());
    GenericRecord collection = new GenericData.Record(nonNull(collectionsSchema.getElementType()));
    collection.put("data_collection", table);
    collection.put("event_count", 1L);
    end.put("data_collections", new GenericData.Array<>(collectionsSchema, List.of(collection)));

    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  changeTopic,
                  lastChange.key(),
                  values.serializer().serialize(changeTopic, forged)))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  transactionTopic,
                  lastEnd.key(),
                  values.serializer().serialize(transactionTopic, end)))
          .get();
    }
    return Long.toString(txId);
  }

  /** Commit time of the newest transaction that changed a table of {@code schema}. */
  long lastCommitOfSchema(String schema) {
    String topic = stack.config().topicPrefix() + ".transaction";
    ConsumerRecord<byte[], byte[]> end =
        last(
            topic,
            r -> {
              GenericRecord tx = values.deserializer().deserialize(topic, r.value());
              Object collections = tx.get("data_collections");
              return "END".equals(String.valueOf(tx.get("status")))
                  && collections != null
                  && collections.toString().contains("\"" + schema + ".");
            });
    return (Long) values.deserializer().deserialize(topic, end.value()).get("ts_ms");
  }

  /**
   * Until the transaction topic holds an END committed at or after {@code millis} (a heartbeat's,
   * at the latest): from then on a cut at {@code millis} is closed for whoever reads the topic up
   * to here, and what is published next comes after it in commit order.
   */
  void awaitCommitAtOrAfter(long millis) {
    String topic = stack.config().topicPrefix() + ".transaction";
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              try {
                last(
                    topic,
                    r -> {
                      GenericRecord tx = values.deserializer().deserialize(topic, r.value());
                      return "END".equals(String.valueOf(tx.get("status")))
                          && (Long) tx.get("ts_ms") >= millis;
                    });
                return true;
              } catch (IllegalStateException none) {
                return false;
              }
            });
  }

  private static GenericRecord copy(GenericRecord r) {
    GenericRecord out = new GenericData.Record(r.getSchema());
    r.getSchema().getFields().forEach(f -> out.put(f.name(), r.get(f.name())));
    return out;
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow();
  }

  private ConsumerRecord<byte[], byte[]> last(
      String topic, java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(500)).records(partition).stream()
            .filter(wanted)
            .forEach(matching::add);
      }
      if (matching.isEmpty()) {
        throw new IllegalStateException("no record to rewrite in " + topic);
      }
      return matching.get(matching.size() - 1);
    }
  }
}
