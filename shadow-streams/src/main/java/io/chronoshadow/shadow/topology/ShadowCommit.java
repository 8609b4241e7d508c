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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one shadow: assembles the staged changes, dead-letters what cannot be stored, and calls
 * the sink. A table whose schema changed incompatibly (or cannot be stored at all) is stopped —
 * logged, counted, its changes dead-lettered — and the shadow is committed without it, so that one
 * table never holds back the others.
 */
final class ShadowCommit {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowCommit.class);

  interface DeadLetterSink {
    void deadLetter(PendingChange change, String reason, String detail);
  }

  interface TableStopper {
    void stop(String table, String reason);
  }

  /** What was committed: source tables with changes, latency, bytes and aggregates per table. */
  record Outcome(
      List<String> committedTables,
      long commitMillis,
      Map<String, Long> bytesWritten,
      Map<String, List<ColumnAggregates.Aggregate>> aggregates) {}

  private final Cut cut;
  private final String group;
  private final ShadowAssembler assembler;
  private final ShadowSink sink;
  private final DeadLetterSink deadLetters;
  private final TableStopper stopper;
  // Iceberg names of the group's stopped tables, read again on every attempt: an attempt can stop
  // one.
  private final Supplier<Set<String>> stoppedTables;

  ShadowCommit(
      Cut cut,
      String group,
      ShadowAssembler assembler,
      ShadowSink sink,
      DeadLetterSink deadLetters,
      TableStopper stopper,
      Supplier<Set<String>> stoppedTables) {
    this.cut = cut;
    this.stoppedTables = stoppedTables;
    this.group = group;
    this.assembler = assembler;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.stopper = stopper;
  }

  /**
   * Commits the shadow. If the sink fails (e.g. the object store is down), nothing has been sent:
   * the dead letters of an attempt are held back until it succeeds, so that the attempt after an
   * outage does not send them twice. Stopping a table is idempotent and may stay done.
   */
  Outcome run(Map<String, StagedTable> stagedByTable) {
    List<Runnable> heldBack = new ArrayList<>();
    DeadLetterSink deadLetters =
        (change, reason, detail) ->
            heldBack.add(() -> this.deadLetters.deadLetter(change, reason, detail));
    Outcome outcome = run(stagedByTable, deadLetters);
    heldBack.forEach(Runnable::run);
    return outcome;
  }

  private Outcome run(Map<String, StagedTable> stagedByTable, DeadLetterSink deadLetters) {
    AssembledShadow assembled = assembler.assemble(stagedByTable);
    assembled.unusableTables().forEach(stopper::stop);
    assembled.rejected().forEach(r -> deadLetters.deadLetter(r.change(), r.reason(), r.detail()));
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
              stoppedTables.get(),
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
          stopper.stop(table, reason);
          for (StagedKey key : stagedByTable.get(table).keys()) {
            deadLetters.deadLetter(
                key.last(), DeadLetters.Reason.INCOMPATIBLE_SCHEMA.name(), reason);
          }
          writes.remove(table);
        }
      }
    }
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
    return new Outcome(committed, millis, bytes, assembled.aggregates());
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
