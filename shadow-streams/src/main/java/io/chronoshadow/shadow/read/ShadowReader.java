package io.chronoshadow.shadow.read;

import io.chronoshadow.shadow.commit.RecordConverter;
import io.chronoshadow.shadow.commit.RowKey;
import io.chronoshadow.shadow.commit.ShadowSummary;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.table.IcebergSchemas;
import io.chronoshadow.shadow.table.ShadowTableName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Reads shadows back: a table's rows at a shadow (by its tag) or as of a time (the latest shadow
 * whose cut time is at or before it — cut time, not Iceberg commit time), the diff between two
 * shadows, and one key's history.
 *
 * <p>Rows are column maps in the table's current schema: a column added after a shadow reads null
 * there. Diffs and histories read only the files that the shadows in between added (every changed
 * key has an equality delete there, every new after-image a data row), plus, for a diff, a
 * key-filtered read of the earlier shadow for the before-images.
 */
public final class ShadowReader {

  /** Above this many changed keys a diff reads the earlier shadow whole instead of by key. */
  private static final int MAX_KEYS_FOR_FILTERED_READ = 10_000;

  private final Catalog catalog;

  public ShadowReader(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The shadows tagged on the table, by cut time. */
  public List<ShadowRef> shadows(ShadowTableName name) {
    Table table = catalog.loadTable(name.identifier());
    List<ShadowRef> shadows = new ArrayList<>();
    for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
      if (ref.getValue().isTag() && ref.getKey().startsWith("shadow-")) {
        shadows.add(refOf(table, ref.getKey(), ref.getValue().snapshotId()));
      }
    }
    shadows.sort(Comparator.comparing(ShadowRef::cutTime));
    return shadows;
  }

  public ShadowRows rowsAt(ShadowTableName name, String shadowId, ReadOptions options) {
    Table table = catalog.loadTable(name.identifier());
    ShadowRef shadow = resolve(table, shadowId);
    return new ShadowRows(shadow, scan(table, shadow.snapshotId(), options));
  }

  /** The rows at the latest shadow with cut time ≤ {@code time}; empty before the first shadow. */
  public Optional<ShadowRows> rowsAsOf(ShadowTableName name, Instant time, ReadOptions options) {
    return shadowAsOf(name, time)
        .map(s -> new ShadowRows(s, scan(load(name), s.snapshotId(), options)));
  }

  public Optional<ShadowRef> shadowAsOf(ShadowTableName name, Instant time) {
    ShadowRef latest = null;
    for (ShadowRef s : shadows(name)) {
      if (!s.cutTime().isAfter(time)) {
        latest = s;
      }
    }
    return Optional.ofNullable(latest);
  }

  /** The changes from shadow {@code from} to shadow {@code to} (either order). */
  public ShadowDiff diff(ShadowTableName name, String from, String to) {
    Table table = load(name);
    ShadowRef a = resolve(table, from);
    ShadowRef b = resolve(table, to);
    if (a.cutTime().isAfter(b.cutTime())) {
      return diffForward(table, b, a).inverted();
    }
    return diffForward(table, a, b);
  }

  /** The key's value at every shadow that changed it, oldest first. */
  public List<KeyVersion> keyHistory(ShadowTableName name, Map<String, Object> key) {
    Table table = load(name);
    Schema schema = table.schema();
    List<String> keyColumns = IcebergSchemas.keyColumns(schema);
    // Same coercions as when writing (e.g. an Integer for a long key), and a clear error for a
    // missing or unknown key column.
    RowKey target =
        RowKey.of(
            new RecordConverter(table.name(), schema.select(keyColumns)).toRecord(key), keyColumns);
    Expression filter = keyFilter(keyColumns, target);
    List<KeyVersion> history = new ArrayList<>();
    Map<String, Object> previous = null;
    for (Snapshot snapshot : shadowSnapshots(table, null, currentId(table))) {
      boolean[] touched = {false};
      Map<String, Object>[] value = newRowHolder();
      SnapshotFiles.forEachChange(
          table,
          snapshot,
          schema,
          keyColumns,
          filter,
          deletedKey -> {
            if (deletedKey.equals(target)) {
              touched[0] = true;
              value[0] = null;
            }
          },
          row -> {
            if (RowKey.of(row, keyColumns).equals(target)) {
              touched[0] = true;
              value[0] = Rows.toMap(row, schema);
            }
          });
      // A key inserted and deleted within one shadow leaves an equality delete but no change.
      if (touched[0] && !Objects.equals(value[0], previous)) {
        history.add(new KeyVersion(refOfSnapshot(snapshot), value[0]));
        previous = value[0];
      }
    }
    return history;
  }

  private ShadowDiff diffForward(Table table, ShadowRef from, ShadowRef to) {
    Schema schema = table.schema();
    List<String> keyColumns = IcebergSchemas.keyColumns(schema);
    // Replay the net changes of the shadows after `from` up to `to`, in commit order: a key's
    // last touch wins; within one snapshot its deletes precede its new rows.
    Map<RowKey, Map<String, Object>> after = new LinkedHashMap<>();
    for (Snapshot snapshot : shadowSnapshots(table, from.snapshotId(), to.snapshotId())) {
      SnapshotFiles.forEachChange(
          table,
          snapshot,
          schema,
          keyColumns,
          Expressions.alwaysTrue(),
          key -> after.put(key, null),
          row -> after.put(RowKey.of(row, keyColumns), Rows.toMap(row, schema)));
    }
    Map<RowKey, Map<String, Object>> before =
        lookup(table, from.snapshotId(), keyColumns, after.keySet());
    List<Map<String, Object>> added = new ArrayList<>();
    List<Map<String, Object>> removed = new ArrayList<>();
    List<ShadowDiff.ChangedRow> changed = new ArrayList<>();
    for (Map.Entry<RowKey, Map<String, Object>> e : after.entrySet()) {
      Map<String, Object> old = before.get(e.getKey());
      Map<String, Object> now = e.getValue();
      if (old == null && now != null) {
        added.add(now);
      } else if (old != null && now == null) {
        removed.add(old);
      } else if (old != null && !old.equals(now)) {
        changed.add(new ShadowDiff.ChangedRow(old, now));
      }
    }
    return new ShadowDiff(from.shadowId(), to.shadowId(), added, removed, changed);
  }

  /** The rows of {@code keys} at a snapshot, through a key-filtered scan when that is selective. */
  private Map<RowKey, Map<String, Object>> lookup(
      Table table, long snapshotId, List<String> keyColumns, Set<RowKey> keys) {
    Map<RowKey, Map<String, Object>> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    Schema schema = table.schema();
    Expression filter = Expressions.alwaysTrue();
    if (keys.size() <= MAX_KEYS_FOR_FILTERED_READ) {
      // The first key column narrows files and row groups by their bounds; the exact key match
      // (composite keys) is done below.
      Set<Object> firstValues = new LinkedHashSet<>();
      keys.forEach(k -> firstValues.add(k.values().get(0)));
      filter = literalIn(keyColumns.get(0), firstValues);
    }
    ShadowScan.forEach(
        table,
        snapshotId,
        schema,
        filter,
        record -> {
          RowKey key = RowKey.of(record, keyColumns);
          if (keys.contains(key)) {
            found.put(key, Rows.toMap(record, schema));
          }
        });
    return found;
  }

  private List<Map<String, Object>> scan(Table table, long snapshotId, ReadOptions options) {
    Schema schema = table.schema();
    for (String column : options.columns()) {
      requireColumn(table, schema, column);
    }
    Expression filter = Expressions.alwaysTrue();
    Map<String, Object> equalTo = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : options.equalTo().entrySet()) {
      requireColumn(table, schema, e.getKey());
      Object value =
          e.getValue() == null
              ? null
              : RecordConverter.coerce(table.name(), schema.findField(e.getKey()), e.getValue());
      equalTo.put(e.getKey(), value);
      filter = Expressions.and(filter, literalEqual(e.getKey(), value));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    ShadowScan.forEach(
        table,
        snapshotId,
        schema,
        filter,
        record -> {
          Map<String, Object> row = Rows.toMap(record, schema);
          // Pushed-down filters prune files and row groups; this keeps the exact semantics.
          if (Rows.matches(row, equalTo)) {
            rows.add(Rows.project(row, options.columns()));
          }
        });
    return rows;
  }

  /**
   * The snapshots holding shadows after {@code afterId} (exclusive; null = from the start) up to
   * {@code untilId} (inclusive), oldest first. Maintenance snapshots (compaction: replace) hold no
   * changes and are skipped.
   */
  private static List<Snapshot> shadowSnapshots(Table table, Long afterId, Long untilId) {
    if (untilId == null || Objects.equals(afterId, untilId)) {
      return List.of();
    }
    List<Snapshot> snapshots = new ArrayList<>();
    for (Snapshot s : SnapshotUtil.ancestorsBetween(untilId, afterId, table::snapshot)) {
      if (!DataOperations.REPLACE.equals(s.operation())) {
        snapshots.add(s);
      }
    }
    Collections.reverse(snapshots);
    return snapshots;
  }

  private static Long currentId(Table table) {
    Snapshot current = table.currentSnapshot();
    return current == null ? null : current.snapshotId();
  }

  private ShadowRef resolve(Table table, String shadowId) {
    SnapshotRef ref = table.refs().get(shadowId);
    if (ref == null || !ref.isTag()) {
      throw new IllegalArgumentException("table " + table.name() + " has no shadow " + shadowId);
    }
    return refOf(table, shadowId, ref.snapshotId());
  }

  private static ShadowRef refOf(Table table, String shadowId, long snapshotId) {
    Snapshot snapshot = table.snapshot(snapshotId);
    Optional<Instant> cut =
        ShadowSummary.shadowId(snapshot).filter(shadowId::equals).isPresent()
            ? ShadowSummary.cutTime(snapshot)
            : Optional.empty();
    // A tag on an unchanged table points at an older shadow's snapshot: its own cut time is in
    // its id (shadow-<group>-<yyyyMMdd'T'HHmmss.SSS'Z'>).
    return new ShadowRef(shadowId, cut.orElseGet(() -> ShadowIds.cutTime(shadowId)), snapshotId);
  }

  private static ShadowRef refOfSnapshot(Snapshot snapshot) {
    String id = ShadowSummary.shadowId(snapshot).orElse("snapshot-" + snapshot.snapshotId());
    Instant cut =
        ShadowSummary.cutTime(snapshot).orElse(Instant.ofEpochMilli(snapshot.timestampMillis()));
    return new ShadowRef(id, cut, snapshot.snapshotId());
  }

  private Table load(ShadowTableName name) {
    return catalog.loadTable(name.identifier());
  }

  private static void requireColumn(Table table, Schema schema, String column) {
    if (schema.findField(column) == null) {
      throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
    }
  }

  /** Key equality pushed down where Iceberg takes the value as a literal; else no pruning. */
  private static Expression keyFilter(List<String> keyColumns, RowKey key) {
    Expression filter = Expressions.alwaysTrue();
    for (int i = 0; i < keyColumns.size(); i++) {
      filter = Expressions.and(filter, literalEqual(keyColumns.get(i), key.values().get(i)));
    }
    return filter;
  }

  private static Expression literalEqual(String column, Object value) {
    if (value == null) {
      return Expressions.isNull(column);
    }
    try {
      return Expressions.equal(column, value);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return Expressions.alwaysTrue();
    }
  }

  private static Expression literalIn(String column, Set<Object> values) {
    try {
      return Expressions.in(column, values);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return Expressions.alwaysTrue();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] newRowHolder() {
    return (Map<String, Object>[]) new Map<?, ?>[1];
  }
}
