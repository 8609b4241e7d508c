package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.history.HistoryTable;
import io.chronoshadow.shadow.table.IncompatibleSchemaChange;
import io.chronoshadow.shadow.table.SchemaOutcome;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.ShadowTables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits shadows (the protocol; a {@link TableWriter} writes the files): per table of the group
 * exactly one snapshot per shadow (a row delta of the shadow's net changes, summary properties
 * naming the shadow) and, in the same catalog commit, a tag named by the shadow id. An unchanged
 * table is only tagged.
 *
 * <p>Idempotent: committing the same shadow again — after a crash at any point — finds the
 * snapshots already written (tag, else summary property along the current branch) and only does
 * what is missing. Schemas of all listed tables are checked before anything is written; then the
 * tables are committed concurrently, each on its own (a crash can leave any subset done).
 */
public final class ShadowCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowCommitter.class);

  /**
   * Commits the tables of a shadow side by side. Shared by every committer of the JVM (a committer
   * owns no other resource to close); the work is mostly waiting on the object store and catalog.
   */
  private static final ExecutorService TABLE_COMMITS =
      Executors.newFixedThreadPool(
          4,
          new ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "shadow-table-commit-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  /** The name the change history's commit has in results and hook calls. */
  public static final String HISTORY = "history";

  private final Catalog catalog;
  private final ShadowTables tables;
  private final LoadedTables loaded;
  private final CommitHook hook;

  public ShadowCommitter(Catalog catalog) {
    this(catalog, CommitHook.NONE);
  }

  public ShadowCommitter(Catalog catalog, CommitHook hook) {
    this.catalog = catalog;
    this.tables = new ShadowTables(catalog);
    this.loaded = new LoadedTables(catalog);
    this.hook = hook;
  }

  /**
   * @throws IncompatibleSchemaException when a listed table's schema changed incompatibly (then no
   *     table is touched)
   */
  public ShadowCommitResult commit(ShadowWrite write) {
    long t0 = System.nanoTime();
    Map<String, TableWrite> writes = new TreeMap<>();
    write.tables().forEach(t -> writes.put(t.table(), t));
    // Load each listed table once; check every schema before touching any table.
    Map<String, Table> current = new TreeMap<>();
    List<IncompatibleSchemaChange> incompatible = new ArrayList<>();
    for (TableWrite t : writes.values()) {
      ShadowTableName name = name(write, t.table());
      Optional<Table> table = load(name);
      if (table.isPresent()) {
        current.put(t.table(), table.get());
        ShadowTables.check(table.get(), name, t.schema()).ifPresent(incompatible::add);
      }
    }
    if (!incompatible.isEmpty()) {
      throw new IncompatibleSchemaException(write.shadowId(), incompatible);
    }
    for (TableWrite t : writes.values()) {
      ShadowTableName name = name(write, t.table());
      Table table = current.get(t.table());
      SchemaOutcome outcome =
          table == null ? tables.prepare(name, t.schema()) : tables.evolve(table, name, t.schema());
      if (outcome instanceof IncompatibleSchemaChange raced) {
        throw new IncompatibleSchemaException(write.shadowId(), List.of(raced));
      }
      if (table == null) {
        current.put(t.table(), loaded.get(name.identifier()));
      }
    }
    TreeSet<String> allTables = new TreeSet<>(writes.keySet());
    try {
      for (TableIdentifier id : catalog.listTables(Namespace.of(write.group()))) {
        allTables.add(id.name());
      }
    } catch (NoSuchNamespaceException noTablesYet) {
      // A shadow that lists no table of a group never seen before: nothing to tag.
    }
    // A stopped table's data stays at its last good shadow; tagging it with this shadow's id would
    // present that stale state as part of a consistent shadow.
    allTables.removeAll(write.stoppedTables());
    Map<String, String> summary = ShadowSummary.of(write);
    // Tables are independent (each its own files, snapshot and tag): commit them concurrently.
    List<Future<TableCommitStats>> pending = new ArrayList<>();
    for (String tableName : allTables) {
      Table preloaded = current.get(tableName);
      TableWrite tableWrite = writes.get(tableName);
      pending.add(
          TABLE_COMMITS.submit(
              () -> {
                hook.beforeTable(write.shadowId(), tableName);
                Table table =
                    preloaded != null ? preloaded : loaded.get(name(write, tableName).identifier());
                TableCommitStats stats = commitTable(table, tableName, write, summary, tableWrite);
                hook.afterTable(write.shadowId(), tableName);
                return stats;
              }));
    }
    if (!write.history().isEmpty()) {
      pending.add(TABLE_COMMITS.submit(() -> commitHistory(write, summary)));
    }
    List<TableCommitStats> stats = awaitAll(pending);
    Duration latency = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info(
        "shadow {} committed on {} tables in {} ms",
        write.shadowId(),
        stats.size(),
        latency.toMillis());
    return new ShadowCommitResult(write.shadowId(), stats, latency);
  }

  /**
   * Every table's outcome, in name order; the first failure (in name order) is thrown, but only
   * once every table's commit has ended: a commit still running after its shadow was given up could
   * race the retry of that shadow.
   */
  private static List<TableCommitStats> awaitAll(List<Future<TableCommitStats>> pending) {
    List<TableCommitStats> stats = new ArrayList<>();
    Throwable failure = null;
    boolean interrupted = false;
    for (Future<TableCommitStats> future : pending) {
      while (true) {
        try {
          stats.add(future.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    return stats;
  }

  private TableCommitStats commitTable(
      Table table,
      String tableName,
      ShadowWrite write,
      Map<String, String> summary,
      TableWrite tableWrite) {
    String shadowId = write.shadowId();
    SnapshotRef tag = table.refs().get(shadowId);
    if (tag != null) {
      // Snapshot and tag are committed together: a tagged table is done for this shadow.
      Snapshot tagged = table.snapshot(tag.snapshotId());
      boolean carries = ShadowSummary.shadowId(tagged).filter(shadowId::equals).isPresent();
      LOG.info(
          "shadow {} table {}: already tagged on snapshot {}",
          shadowId,
          tableName,
          tag.snapshotId());
      return stats(
          tableName,
          tagged,
          carries
              ? TableCommitStats.Outcome.ALREADY_COMMITTED
              : TableCommitStats.Outcome.TAGGED_UNCHANGED);
    }
    // Untagged but committed: only a writer that tagged in a separate commit could leave this.
    Optional<Snapshot> existing = ShadowSnapshots.find(table, shadowId, write.sequence());
    if (existing.isPresent()) {
      tag(table, tableName, shadowId, existing.get().snapshotId());
      LOG.info(
          "shadow {} table {}: snapshot {} already committed",
          shadowId,
          tableName,
          existing.get().snapshotId());
      return stats(tableName, existing.get(), TableCommitStats.Outcome.ALREADY_COMMITTED);
    }
    if (tableWrite == null || tableWrite.changes().isEmpty()) {
      return tagUnchanged(table, tableName, shadowId, summary);
    }
    hook.beforeFiles(shadowId, tableName);
    WrittenTable written = TableWriter.write(table, shadowId, tableWrite);
    hook.beforeCommit(shadowId, tableName);
    long t0 = System.nanoTime();
    // Snapshot and tag in one catalog commit: one metadata file instead of two, and no state in
    // which the shadow's snapshot exists without its tag.
    Transaction transaction = table.newTransaction();
    RowDelta delta = transaction.newRowDelta();
    if (written.dataFile() != null) {
      delta.addRows(written.dataFile());
    }
    if (written.deleteFile() != null) {
      delta.addDeletes(written.deleteFile());
    }
    summary.forEach(delta::set);
    delta.commit();
    long snapshotId = transaction.table().currentSnapshot().snapshotId();
    transaction.manageSnapshots().createTag(shadowId, snapshotId).commit();
    transaction.commitTransaction();
    long commitMillis = (System.nanoTime() - t0) / 1_000_000;
    Snapshot committed = table.snapshot(snapshotId);
    TableCommitStats stats = stats(tableName, committed, TableCommitStats.Outcome.COMMITTED);
    LOG.info(
        "shadow {} table {}: snapshot {} with {} rows, {} equality deletes, {} bytes"
            + " (net {} ms, files {} ms, catalog commit {} ms)",
        shadowId,
        tableName,
        committed.snapshotId(),
        stats.rowsAdded(),
        stats.equalityDeletes(),
        stats.bytesWritten(),
        written.collapseMillis(),
        written.writeMillis(),
        commitMillis);
    return stats;
  }

  /**
   * The shadow's rows of the group's change history: one appended snapshot carrying the shadow's
   * summary, found again by it on a retry (never a second one). Hook points use the table name
   * {@value #HISTORY}.
   */
  private TableCommitStats commitHistory(ShadowWrite write, Map<String, String> summary) {
    String shadowId = write.shadowId();
    hook.beforeTable(shadowId, HISTORY);
    Table table =
        loaded
            .find(HistoryTable.identifier(write.group()))
            .orElseGet(() -> HistoryTable.loadOrCreate(catalog, write.group()));
    Optional<Snapshot> existing = ShadowSnapshots.find(table, shadowId, write.sequence());
    TableCommitStats stats;
    if (existing.isPresent()) {
      LOG.info("shadow {} history: snapshot {} already committed", shadowId, existing.get());
      stats = stats(HISTORY, existing.get(), TableCommitStats.Outcome.ALREADY_COMMITTED);
    } else {
      hook.beforeFiles(shadowId, HISTORY);
      DataFile file =
          HistoryTable.write(table, shadowId, write.sequence(), write.cutTime(), write.history());
      hook.beforeCommit(shadowId, HISTORY);
      AppendFiles append = table.newAppend().appendFile(file);
      summary.forEach(append::set);
      append.commit();
      stats = stats(HISTORY, table.currentSnapshot(), TableCommitStats.Outcome.COMMITTED);
      LOG.info(
          "shadow {} history: {} rows, {} bytes",
          shadowId,
          file.recordCount(),
          file.fileSizeInBytes());
    }
    hook.afterTable(shadowId, HISTORY);
    return stats;
  }

  private TableCommitStats tagUnchanged(
      Table table, String tableName, String shadowId, Map<String, String> summary) {
    Snapshot current = table.currentSnapshot();
    if (current != null) {
      tag(table, tableName, shadowId, current.snapshotId());
      LOG.info(
          "shadow {} table {}: unchanged, tagged snapshot {}",
          shadowId,
          tableName,
          current.snapshotId());
      return stats(tableName, current, TableCommitStats.Outcome.TAGGED_UNCHANGED);
    }
    // A table with no snapshot cannot be tagged, and "FOR VERSION AS OF" must find the (empty)
    // table in every shadow of its group: give it an empty snapshot that carries this shadow.
    hook.beforeCommit(shadowId, tableName);
    Transaction transaction = table.newTransaction();
    AppendFiles empty = transaction.newAppend();
    summary.forEach(empty::set);
    empty.commit();
    long snapshotId = transaction.table().currentSnapshot().snapshotId();
    transaction.manageSnapshots().createTag(shadowId, snapshotId).commit();
    transaction.commitTransaction();
    Snapshot created = table.snapshot(snapshotId);
    LOG.info(
        "shadow {} table {}: empty snapshot {} created for the tag",
        shadowId,
        tableName,
        created.snapshotId());
    return new TableCommitStats(
        tableName, created.snapshotId(), 0, 0, 0, TableCommitStats.Outcome.EMPTY_SNAPSHOT);
  }

  private static void tag(Table table, String tableName, String shadowId, long snapshotId) {
    SnapshotRef ref = table.refs().get(shadowId);
    if (ref != null) {
      if (ref.snapshotId() != snapshotId) {
        throw new IllegalStateException(
            "table "
                + tableName
                + ": tag "
                + shadowId
                + " points at snapshot "
                + ref.snapshotId()
                + ", expected "
                + snapshotId);
      }
      return;
    }
    table.manageSnapshots().createTag(shadowId, snapshotId).commit();
  }

  /**
   * Counts of the snapshot as written by this shadow; a snapshot merely tagged for an unchanged
   * table reports zeros.
   */
  private static TableCommitStats stats(
      String tableName, Snapshot snapshot, TableCommitStats.Outcome outcome) {
    if (outcome == TableCommitStats.Outcome.TAGGED_UNCHANGED) {
      return new TableCommitStats(tableName, snapshot.snapshotId(), 0, 0, 0, outcome);
    }
    Map<String, String> summary = snapshot.summary();
    return new TableCommitStats(
        tableName,
        snapshot.snapshotId(),
        count(summary, SnapshotSummary.ADDED_RECORDS_PROP),
        count(summary, SnapshotSummary.ADDED_EQ_DELETES_PROP),
        count(summary, SnapshotSummary.ADDED_FILE_SIZE_PROP),
        outcome);
  }

  private static long count(Map<String, String> summary, String key) {
    String value = summary == null ? null : summary.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

  private Optional<Table> load(ShadowTableName name) {
    return loaded.find(name.identifier());
  }

  private static ShadowTableName name(ShadowWrite write, String table) {
    return new ShadowTableName(write.group(), table);
  }
}
