package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.commit.IncompatibleSchemaException;
import io.chronoshadow.shadow.commit.ShadowCommitResult;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableCommitStats;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.cut.Cut;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.stage.ColumnAggregates;
import io.chronoshadow.shadow.stage.PendingChange;
import io.chronoshadow.shadow.stage.StagedKey;
import io.chronoshadow.shadow.stage.StagedTable;
import io.chronoshadow.shadow.table.IncompatibleSchemaChange;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one shadow, off the stream thread: assembles the staged changes, sets aside what cannot
 * be stored, and calls the sink. A table whose schema changed incompatibly (or cannot be stored at
 * all) is to be stopped — its changes dead-lettered — and the shadow is committed without it, so
 * that one table never holds back the others. It touches nothing of the processor's: the tables to
 * stop and the dead letters come back in the {@link Outcome}, for the stream thread to apply once
 * the commit succeeded (a failed attempt, e.g. the object store down, leaves nothing to undo).
 */
final class ShadowCommit {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowCommit.class);

  /** A change to send to the dead-letter topic, with its reason. */
  record DeadLetter(PendingChange change, String reason, String detail) {}

  /**
   * What was committed: source tables with changes, latency, bytes and aggregates per table; the
   * source tables to stop (with the reason) and the dead letters the attempt found.
   */
  record Outcome(
      List<String> committedTables,
      long commitMillis,
      Map<String, Long> bytesWritten,
      Map<String, List<ColumnAggregates.Aggregate>> aggregates,
      Map<String, String> stopped,
      List<DeadLetter> deadLetters) {}

  private final Cut cut;
  private final String group;
  private final String defaultSchema;
  private final ShadowAssembler assembler;
  private final ShadowSink sink;
  // Source tables of the group stopped before this commit; the ones it stops join them.
  private final Set<String> stoppedBefore;
  private final Map<String, String> stopped = new TreeMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  ShadowCommit(
      Cut cut,
      String group,
      String defaultSchema,
      ShadowAssembler assembler,
      ShadowSink sink,
      Set<String> stoppedBefore) {
    this.cut = cut;
    this.group = group;
    this.defaultSchema = defaultSchema;
    this.assembler = assembler;
    this.sink = sink;
    this.stoppedBefore = Set.copyOf(stoppedBefore);
  }

  /** Commits the shadow; throws what the sink threw when it failed (nothing is then to apply). */
  Outcome run(Map<String, StagedTable> stagedByTable) {
    AssembledShadow assembled = assembler.assemble(stagedByTable);
    assembled.unusableTables().forEach(stopped::put);
    assembled
        .rejected()
        .forEach(r -> deadLetters.add(new DeadLetter(r.change(), r.reason(), r.detail())));
    Map<String, TableWrite> writes = new TreeMap<>(assembled.writes());
    while (true) {
      ShadowWrite write =
          new ShadowWrite(
              cut.shadowId(),
              group,
              cut.sequence(),
              cut.cutTime(),
              sourceOffsets(stagedByTable, writes),
              new ArrayList<>(writes.values()),
              stoppedTables(),
              history(assembled, writes));
      try {
        ShadowCommitResult result = sink.commit(write);
        return outcome(result, writes, assembled);
      } catch (IncompatibleSchemaException e) {
        List<String> refused = refusedTables(e, writes);
        if (refused.isEmpty()) {
          throw e; // nothing of ours to take out: retrying could not help
        }
        for (String table : refused) {
          String reason =
              e.changes().stream()
                  .filter(c -> c.table().table().equals(writes.get(table).table()))
                  .map(IncompatibleSchemaChange::message)
                  .findFirst()
                  .orElse(e.getMessage());
          stopped.put(table, reason);
          for (StagedKey key : stagedByTable.get(table).keys()) {
            deadLetters.add(
                new DeadLetter(key.last(), DeadLetters.Reason.INCOMPATIBLE_SCHEMA.name(), reason));
          }
          writes.remove(table);
        }
      }
    }
  }

  /** The Iceberg names of the tables no new shadow may tag: stopped before, or by this commit. */
  private Set<String> stoppedTables() {
    Set<String> sources = new TreeSet<>(stoppedBefore);
    sources.addAll(stopped.keySet());
    Set<String> iceberg = new TreeSet<>();
    sources.forEach(
        t -> iceberg.add(ShadowTableName.fromSourceTable(group, t, defaultSchema).table()));
    return iceberg;
  }

  /** The history rows of the tables this attempt writes (a stopped table's are not). */
  private static List<KeyChange> history(
      AssembledShadow assembled, Map<String, TableWrite> writes) {
    List<KeyChange> rows = new ArrayList<>();
    writes.keySet().forEach(t -> rows.addAll(assembled.history().getOrDefault(t, List.of())));
    return rows;
  }

  private static List<String> refusedTables(
      IncompatibleSchemaException e, Map<String, TableWrite> writes) {
    List<String> refused = new ArrayList<>();
    writes.forEach(
        (source, write) -> {
          boolean hit = e.changes().stream().anyMatch(c -> c.table().table().equals(write.table()));
          if (hit) {
            refused.add(source);
          }
        });
    return refused;
  }

  private Outcome outcome(
      ShadowCommitResult result, Map<String, TableWrite> writes, AssembledShadow assembled) {
    Map<String, Long> bytesByIceberg = new TreeMap<>();
    for (TableCommitStats stats : result.tables()) {
      bytesByIceberg.put(stats.table(), stats.bytesWritten());
    }
    Map<String, Long> bytes = new TreeMap<>();
    List<String> committed = new ArrayList<>();
    long changes = 0;
    for (Map.Entry<String, TableWrite> e : writes.entrySet()) {
      bytes.put(e.getKey(), bytesByIceberg.getOrDefault(e.getValue().table(), 0L));
      if (!e.getValue().changes().isEmpty()) {
        committed.add(e.getKey());
        changes += e.getValue().changes().size();
      }
    }
    long millis = result.latency().toMillis();
    LOG.info(
        "shadow {} committed: sequence {}, cut {}, {} transactions, {} net changes in {} {},"
            + " commit {} ms",
        cut.shadowId(),
        cut.sequence(),
        cut.cutTime(),
        cut.transactionCount(),
        changes,
        committed.size(),
        committed,
        millis);
    return new Outcome(
        committed, millis, bytes, assembled.aggregates(), stopped, List.copyOf(deadLetters));
  }

  /** Per topic-partition, the newest offset among the changes this shadow stores. */
  private static Map<String, String> sourceOffsets(
      Map<String, StagedTable> stagedByTable, Map<String, TableWrite> writes) {
    Map<String, Long> newest = new TreeMap<>();
    stagedByTable.forEach(
        (table, staged) -> {
          if (writes.containsKey(table)) {
            PendingChange c = staged.newest();
            newest.merge(c.topic() + "-" + c.partition(), c.offset(), Math::max);
          }
        });
    Map<String, String> offsets = new TreeMap<>();
    newest.forEach((k, v) -> offsets.put(k, Long.toString(v)));
    return offsets;
  }
}
