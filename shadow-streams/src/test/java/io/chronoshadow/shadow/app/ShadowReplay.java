package io.chronoshadow.shadow.app;

import io.chronoshadow.devstack.audit.Canonical;
import io.chronoshadow.devstack.workload.ShopTable;
import io.chronoshadow.fixtures.kafka.Topics;
import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.change.DecodedRecord;
import io.chronoshadow.schemas.change.Op;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import io.chronoshadow.shadow.history.HistoryValues;
import io.chronoshadow.shadow.table.RowKeys;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The oracle of "each shadow equals the replay of the change topics up to its cut", computed
 * independently of the topology: transactions (END records, first occurrence) get the running
 * maximum of their commit times as effective time; a shadow with cut time T holds the snapshot
 * reads plus every transaction with effective time before T; each table's state is its topic
 * replayed in order, keeping only those events (duplicates by (txId, data_collection_order)
 * dropped, undecodable records skipped).
 */
public final class ShadowReplay {

  private final Map<String, Instant> effectiveByTx = new HashMap<>();
  private final List<Instant> changingTransactions = new ArrayList<>();
  private Instant snapshotEnd;
  private final Map<String, List<ChangeEvent>> eventsByTable = new TreeMap<>();

  /**
   * The change topics of {@code tables} and the transaction topic of {@code topics}, as they are
   * now on the broker at {@code bootstrapServers}, decoded through the registry at {@code
   * registryUrl}. For tests outside this module (a test-jar), which see the stack only by address.
   */
  public static ShadowReplay read(
      String bootstrapServers, String registryUrl, ShadowTopics topics, List<ShopTable> tables) {
    ChangeEventDecoder decoder = new ChangeEventDecoder(new SchemaRegistryClient(registryUrl));
    Map<String, List<ConsumerRecord<byte[], byte[]>>> changeTopics = new TreeMap<>();
    for (ShopTable table : tables) {
      String topic = topics.prefix() + "." + table.qualifiedName();
      changeTopics.put(topic, Topics.readAll(bootstrapServers, topic));
    }
    return new ShadowReplay(
        decoder, Topics.readAll(bootstrapServers, topics.transactionTopic()), changeTopics);
  }

  ShadowReplay(
      ChangeEventDecoder decoder,
      List<ConsumerRecord<byte[], byte[]>> transactions,
      Map<String, List<ConsumerRecord<byte[], byte[]>>> changeTopics) {
    Instant effective = Instant.MIN;
    for (ConsumerRecord<byte[], byte[]> r : transactions) {
      if (decoder.decode(r) instanceof TransactionEvent tx
          && tx.status() == TransactionEvent.Status.END) {
        String id = tx.id().substring(0, tx.id().indexOf(':'));
        if (!effectiveByTx.containsKey(id)) {
          effective = tx.timestamp().isAfter(effective) ? tx.timestamp() : effective;
          effectiveByTx.put(id, effective);
          // The heartbeat table's transactions change nothing the group shadows.
          if (tx.dataCollections().stream()
              .anyMatch(
                  c ->
                      c.eventCount() > 0
                          && !c.dataCollection()
                              .equals(ShadowStreamsConfig.DEFAULT_HEARTBEAT_TABLE))) {
            changingTransactions.add(effective);
          }
        }
      }
    }
    changeTopics.forEach(
        (topic, records) -> {
          Set<String> seen = new HashSet<>();
          for (ConsumerRecord<byte[], byte[]> r : records) {
            DecodedRecord decoded;
            try {
              decoded = decoder.decode(r);
            } catch (DecodeException poison) {
              continue;
            }
            if (decoded instanceof ChangeEvent e) {
              if (e.op() == Op.READ && "last".equals(String.valueOf(e.source().get("snapshot")))) {
                snapshotEnd = e.commitTime();
              }
              if (e.transactionId() != null
                  && !seen.add(e.txId() + ":" + e.dataCollectionOrder())) {
                continue;
              }
              eventsByTable.computeIfAbsent(e.sourceTable(), t -> new ArrayList<>()).add(e);
            }
          }
        });
  }

  /** Effective times of the transactions with changes, in commit order. */
  List<Instant> transactionTimes() {
    return List.copyOf(changingTransactions);
  }

  /**
   * The cut times a {@code fixed(interval)} policy must give, derived from the topics alone: the
   * end of every UTC-aligned bucket that holds a transaction with changes, or the end of the
   * initial snapshot (the baseline is a change at that time).
   */
  SortedSet<Instant> fixedCutTimes(Duration interval) {
    long step = interval.toMillis();
    List<Instant> changes = new ArrayList<>(changingTransactions);
    if (snapshotEnd != null) {
      changes.add(snapshotEnd);
    }
    SortedSet<Instant> cuts = new TreeSet<>();
    for (Instant t : changes) {
      cuts.add(Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step + step));
    }
    return cuts;
  }

  /** The table's decoded change events, in topic order, duplicates dropped. */
  List<ChangeEvent> events(String table) {
    return List.copyOf(eventsByTable.getOrDefault(table, List.of()));
  }

  Set<String> tables() {
    return eventsByTable.keySet();
  }

  /**
   * Rows of {@code table} as of {@code cutTime} in the change history's form: keyed by the
   * topology's canonical key text, values as history text.
   */
  Map<String, Map<String, String>> historyStateAt(String table, Instant cutTime) {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (ChangeEvent e : eventsByTable.getOrDefault(table, List.of())) {
      if (e.transactionId() != null) {
        Instant effective = effectiveByTx.get(e.txId().toString());
        if (effective == null || !effective.isBefore(cutTime)) {
          continue;
        }
      }
      if (e.op() == Op.DELETE) {
        rows.remove(RowKeys.canonical(e.key()));
      } else {
        rows.put(RowKeys.canonical(e.key()), HistoryValues.texts(e.after()));
      }
    }
    return rows;
  }

  /** Rows of {@code table} as of {@code cutTime}, by canonical primary key. */
  public Map<String, Map<String, String>> stateAt(String table, Instant cutTime, List<String> key) {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (ChangeEvent e : eventsByTable.getOrDefault(table, List.of())) {
      if (e.transactionId() != null) {
        Instant effective = effectiveByTx.get(e.txId().toString());
        if (effective == null || !effective.isBefore(cutTime)) {
          continue;
        }
      }
      if (e.op() == Op.DELETE) {
        rows.remove(Canonical.key(e.key(), key));
      } else {
        rows.put(Canonical.key(e.after(), key), Canonical.row(e.after()));
      }
    }
    return rows;
  }
}
