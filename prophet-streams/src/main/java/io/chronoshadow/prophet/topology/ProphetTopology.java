package io.chronoshadow.prophet.topology;

import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.engine.LearnedHook;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The prophet topology (Processor API):
 *
 * <pre>
 *  chrono.shadow-stats ──▶ prophet ──▶ chrono.forecasts, chrono.anomalies (Avro, registry)
 *                             └──────▶ chrono.dlq (original bytes + reason headers)
 * </pre>
 *
 * The stats topic has one partition (shadow-streams creates it so), hence one task that sees every
 * group. State: {@code prophet-series} and {@code prophet-history}, persistent and changelogged
 * (see {@link KafkaSeriesStore}); with exactly_once_v2 the store updates and the outputs of a
 * record commit together, so a crash neither loses a step nor publishes one twice.
 */
public final class ProphetTopology {

  static final String SOURCE = "shadow-stats";
  static final String PROCESSOR = "prophet";

  private ProphetTopology() {}

  public static Topology build(
      ProphetTopics topics,
      AnalysisSettings settings,
      Deserializer<GenericRecord> avroIn,
      Serializer<GenericRecord> avroOut,
      ProphetMetrics metrics) {
    return build(topics, settings, avroIn, avroOut, metrics, LearnedHook.NONE);
  }

  /** With learned models serving the series they won (see {@link LearnedHook}). */
  public static Topology build(
      ProphetTopics topics,
      AnalysisSettings settings,
      Deserializer<GenericRecord> avroIn,
      Serializer<GenericRecord> avroOut,
      ProphetMetrics metrics,
      LearnedHook learned) {
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    Topology topology = new Topology();
    topology.addSource(SOURCE, bytes, bytes, topics.statsTopic());
    topology.addProcessor(
        PROCESSOR, () -> new ProphetProcessor(settings, avroIn, metrics, learned), SOURCE);
    for (String store :
        new String[] {KafkaSeriesStore.META_STORE, KafkaSeriesStore.HISTORY_STORE}) {
      topology.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray()),
          PROCESSOR);
    }
    StringSerializer strings = new StringSerializer();
    topology.addSink(
        ProphetProcessor.FORECASTS_SINK, topics.forecastsTopic(), strings, avroOut, PROCESSOR);
    topology.addSink(
        ProphetProcessor.ANOMALIES_SINK, topics.anomaliesTopic(), strings, avroOut, PROCESSOR);
    ByteArraySerializer raw = new ByteArraySerializer();
    topology.addSink(ProphetProcessor.DLQ_SINK, topics.dlqTopic(), raw, raw, PROCESSOR);
    return topology;
  }
}
