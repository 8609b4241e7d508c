package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.shadow.stage.TableSchemaReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The topology of one shadow group (Processor API):
 *
 * <pre>
 *  &lt;prefix&gt;.&lt;schema&gt;.&lt;table&gt; (pattern) ─┐
 *  &lt;prefix&gt;.transaction ──────────────┼─▶ shadow ──▶ chrono.shadows, chrono.shadow-stats (Avro)
 *  chrono.policies (compacted) ────────┤        └──▶ chrono.dlq (original bytes + reason headers)
 *  chrono.shadow-requests ─────────────┘
 * </pre>
 *
 * Every input has one partition, so there is one task and one processor sees every record; four
 * persistent, changelogged, cached stores hold its state (see {@code StoreKeys}).
 */
public final class ShadowTopology {

  static final String PROCESSOR = "shadow";

  private ShadowTopology() {}

  public static Topology build(
      ShadowTopologySettings settings,
      ChangeEventDecoder decoder,
      ChangeLog changeLog,
      TableSchemaReader schemas,
      ShadowSink sink,
      boolean commitInBackground,
      Serializer<GenericRecord> avroValues,
      ShadowMetrics metrics) {
    ShadowTopics topics = settings.topics();
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    Topology topology = new Topology();
    topology.addSource("changes", bytes, bytes, topics.changeTopicPattern());
    topology.addSource("transactions", bytes, bytes, topics.transactionTopic());
    topology.addSource("policies", bytes, bytes, topics.policiesTopic());
    topology.addSource("requests", bytes, bytes, topics.requestsTopic());
    ShadowAssembler assembler =
        new ShadowAssembler(settings.group(), settings.defaultSchema(), schemas);
    topology.addProcessor(
        PROCESSOR,
        () ->
            new ShadowProcessor(
                settings,
                decoder,
                changeLog,
                assembler,
                sink,
                commitInBackground
                    ? CommitRunner.background(settings.group())
                    : CommitRunner.INLINE,
                metrics),
        "changes",
        "transactions",
        "policies",
        "requests");
    for (String store :
        new String[] {
          StoreKeys.GROUP_STORE, StoreKeys.TABLES_STORE, StoreKeys.SKIPS_STORE, StoreKeys.SEEN_STORE
        }) {
      // Cached: values rewritten on every event (table progress, the planner) reach RocksDB and
      // the changelog once per commit.
      topology.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray())
              .withCachingEnabled(),
          PROCESSOR);
    }
    StringSerializer strings = new StringSerializer();
    topology.addSink(
        ShadowProcessor.SHADOWS_SINK, topics.shadowsTopic(), strings, avroValues, PROCESSOR);
    topology.addSink(
        ShadowProcessor.STATS_SINK, topics.statsTopic(), strings, avroValues, PROCESSOR);
    ByteArraySerializer raw = new ByteArraySerializer();
    topology.addSink(ShadowProcessor.DLQ_SINK, topics.dlqTopic(), raw, raw, PROCESSOR);
    return topology;
  }
}
