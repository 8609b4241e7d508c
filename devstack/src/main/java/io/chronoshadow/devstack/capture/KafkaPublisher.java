package io.chronoshadow.devstack.capture;

import io.chronoshadow.devstack.kafka.KafkaTopics;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each batch Debezium hands over to Kafka and only then lets Debezium commit the batch's
 * offsets: every record is sent, the producer is flushed (acks=all, idempotent), any failed send
 * fails the batch, and only after that are the records marked processed. A crash therefore never
 * loses an event; at worst the events after the last committed offset are published again.
 */
final class KafkaPublisher
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
  private static final int CONVERT_ATTEMPTS = 5;
  private static final long RETRY_BACKOFF_MS = 500;

  private final Producer<byte[], byte[]> producer;
  private final Converter keyConverter;
  private final Converter valueConverter;
  private final Function<String, KafkaTopics> topicsFor;
  private final AtomicLong published = new AtomicLong();
  private final Map<String, AtomicLong> publishedByTopic = new ConcurrentHashMap<>();

  /**
   * @param topicsFor which topic creator handles a destination topic (they differ in configuration)
   */
  KafkaPublisher(
      Producer<byte[], byte[]> producer,
      Converter keyConverter,
      Converter valueConverter,
      Function<String, KafkaTopics> topicsFor) {
    this.producer = producer;
    this.keyConverter = keyConverter;
    this.valueConverter = valueConverter;
    this.topicsFor = topicsFor;
  }

  @Override
  public void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    Set<String> topics = new LinkedHashSet<>();
    for (RecordChangeEvent<SourceRecord> event : records) {
      topics.add(event.record().topic());
    }
    for (String topic : topics) {
      topicsFor.apply(topic).ensure(List.of(topic));
    }
    AtomicReference<Exception> failure = new AtomicReference<>();
    for (RecordChangeEvent<SourceRecord> event : records) {
      SourceRecord r = event.record();
      String topic = r.topic();
      byte[] key = convert(keyConverter, topic, r.keySchema(), r.key());
      byte[] value = convert(valueConverter, topic, r.valueSchema(), r.value());
      producer.send(
          new ProducerRecord<>(topic, null, r.timestamp(), key, value),
          (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
          });
    }
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      // Nothing of this batch is marked processed: the engine stops and, on restart, Debezium
      // resumes
      // from the last committed offset, so the batch is captured again.
      throw new ConnectException(
          "publishing a batch of " + records.size() + " records failed", error);
    }
    for (RecordChangeEvent<SourceRecord> event : records) {
      committer.markProcessed(event);
    }
    committer.markBatchFinished();
    published.addAndGet(records.size());
    for (RecordChangeEvent<SourceRecord> event : records) {
      publishedByTopic
          .computeIfAbsent(event.record().topic(), t -> new AtomicLong())
          .incrementAndGet();
    }
  }

  /**
   * Converts with a few retries: with Avro a conversion may register a schema, and a registry that
   * is briefly unavailable should not stop capture. Registering the same schema again is harmless.
   */
  private static byte[] convert(Converter converter, String topic, Schema schema, Object value)
      throws InterruptedException {
    if (value == null) {
      return null;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return converter.fromConnectData(topic, schema, value);
      } catch (DataException e) {
        if (attempt >= CONVERT_ATTEMPTS) {
          throw e;
        }
        LOG.warn(
            "converting a record of {} failed (attempt {}), retrying: {}",
            topic,
            attempt,
            e.getMessage());
        Thread.sleep(RETRY_BACKOFF_MS * attempt);
      }
    }
  }

  @Override
  public boolean supportsTombstoneEvents() {
    return true;
  }

  long published() {
    return published.get();
  }

  long published(String topic) {
    AtomicLong count = publishedByTopic.get(topic);
    return count == null ? 0 : count.get();
  }

  Map<String, Long> publishedByTopic() {
    Map<String, Long> snapshot = new TreeMap<>();
    publishedByTopic.forEach((topic, count) -> snapshot.put(topic, count.get()));
    return snapshot;
  }
}
