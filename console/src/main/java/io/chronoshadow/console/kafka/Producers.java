package io.chronoshadow.console.kafka;

import io.chronoshadow.console.http.ApiError;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The console's one producer: string keys and JSON values, each send acknowledged by all replicas
 * before the call returns; a write Kafka does not take is a 503, never a silent loss.
 */
public final class Producers implements AutoCloseable {

  private final KafkaProducer<String, String> producer;

  public Producers(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** Sends and waits for the acknowledgement; {@code value} null is a tombstone. */
  public RecordMetadata send(String topic, String key, String value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable(topic, e);
    }
  }

  private static ApiError unavailable(String topic, Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new ApiError(
        503,
        "kafka_unavailable",
        "Kafka did not accept the write to "
            + topic
            + " ("
            + cause.getClass().getSimpleName()
            + "); nothing was changed, try again",
        null);
  }

  @Override
  public void close() {
    producer.close();
  }
}
