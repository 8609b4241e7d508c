package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.stage.ColumnAggregates;
import io.chronoshadow.shadow.stage.PendingChange;
import io.chronoshadow.shadow.stage.RowChanges;
import io.chronoshadow.shadow.stage.StagedKey;
import io.chronoshadow.shadow.stage.StagedTable;
import io.chronoshadow.shadow.stage.TableSchemaReader;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one shadow's staged net changes (decoded when they arrived) into {@link TableWrite}s: the
 * table schema comes from the newest staged event of the table (the schema at the cut), values are
 * adapted to it, and anything that cannot be stored is set aside for the dead-letter topic.
 */
final class ShadowAssembler {

  private final String group;
  private final String defaultSchema;
  private final TableSchemaReader schemas;

  ShadowAssembler(String group, String defaultSchema, TableSchemaReader schemas) {
    this.group = group;
    this.defaultSchema = defaultSchema;
    this.schemas = schemas;
  }

  AssembledShadow assemble(Map<String, StagedTable> stagedByTable) {
    Map<String, TableWrite> writes = new TreeMap<>();
    Map<String, List<ColumnAggregates.Aggregate>> aggregates = new TreeMap<>();
    List<AssembledShadow.Rejected> rejected = new ArrayList<>();
    Map<String, String> unusable = new TreeMap<>();
    Map<String, List<KeyChange>> history = new TreeMap<>();
    stagedByTable.forEach(
        (table, staged) -> {
          SourceTableSchema schema;
          String icebergName;
          try {
            icebergName = ShadowTableName.fromSourceTable(group, table, defaultSchema).table();
            schema = schemaAtCut(staged);
          } catch (IllegalArgumentException | DecodeException e) {
            unusable.put(table, e.getMessage());
            staged
                .keys()
                .forEach(
                    k ->
                        rejected.add(
                            new AssembledShadow.Rejected(
                                k.last(),
                                DeadLetters.Reason.UNUSABLE_SCHEMA.name(),
                                e.getMessage())));
            return;
          }
          ColumnAggregates figures = new ColumnAggregates(schema);
          List<RowChange> changes = new ArrayList<>(staged.size());
          List<KeyChange> keyChanges = new ArrayList<>(staged.size());
          for (StagedKey key : staged.keys()) {
            PendingChange last = key.last();
            try {
              RowChange change = RowChanges.of(last.event(), schema);
              changes.add(change);
              keyChange(key).ifPresent(keyChanges::add);
              if (change instanceof RowChange.Upsert upsert) {
                figures.add(upsert.values());
              }
            } catch (IllegalArgumentException e) {
              rejected.add(
                  new AssembledShadow.Rejected(
                      last, DeadLetters.Reason.UNUSABLE_SCHEMA.name(), e.getMessage()));
            }
          }
          writes.put(table, new TableWrite(icebergName, schema, changes));
          aggregates.put(table, figures.result());
          history.put(table, keyChanges);
        });
    return new AssembledShadow(writes, aggregates, rejected, unusable, history);
  }

  /** The key's net change in the shadow, from its first and last change events. */
  private static Optional<KeyChange> keyChange(StagedKey key) {
    PendingChange first = key.first();
    PendingChange last = key.last();
    return KeyChange.net(
        last.table(),
        first.op(),
        last.op(),
        last.rowKey(),
        last.event().key(),
        first.event().before(),
        last.event().after(),
        key.events(),
        Instant.ofEpochMilli(last.commitMillis()));
  }

  /** The writer schema of the table's newest staged event: the table's schema at the cut. */
  private SourceTableSchema schemaAtCut(StagedTable staged) {
    PendingChange newest = staged.newest();
    return schemas.read(newest.rawValue(), List.copyOf(newest.event().key().keySet()));
  }
}
