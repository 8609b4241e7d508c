package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.change.DecodedRecord;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.stage.ColumnAggregates;
import io.chronoshadow.shadow.stage.PendingChange;
import io.chronoshadow.shadow.stage.RowChanges;
import io.chronoshadow.shadow.stage.TableSchemaReader;
import io.chronoshadow.shadow.table.ShadowTableName;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decodes one shadow's staged net changes again and turns them into {@link TableWrite}s: the table
 * schema comes from the newest staged event of the table (the schema at the cut), values are
 * adapted to it, and anything that cannot be stored is set aside for the dead-letter topic.
 */
final class ShadowAssembler {

  private final String group;
  private final String defaultSchema;
  private final ChangeEventDecoder decoder;
  private final TableSchemaReader schemas;

  ShadowAssembler(
      String group, String defaultSchema, ChangeEventDecoder decoder, TableSchemaReader schemas) {
    this.group = group;
    this.defaultSchema = defaultSchema;
    this.decoder = decoder;
    this.schemas = schemas;
  }

  AssembledShadow assemble(Map<String, List<PendingChange>> stagedByTable) {
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
            staged.forEach(
                p ->
                    rejected.add(
                        new AssembledShadow.Rejected(
                            p, DeadLetters.Reason.UNUSABLE_SCHEMA.name(), e.getMessage())));
            return;
          }
          ColumnAggregates figures = new ColumnAggregates(schema);
          List<RowChange> changes = new ArrayList<>(staged.size());
          List<KeyChange> keyChanges = new ArrayList<>(staged.size());
          for (PendingChange p : staged) {
            try {
              ChangeEvent last = event(p);
              RowChange change = RowChanges.of(last, schema);
              changes.add(change);
              keyChange(p, last).ifPresent(keyChanges::add);
              if (change instanceof RowChange.Upsert upsert) {
                figures.add(upsert.values());
              }
            } catch (DecodeException e) {
              rejected.add(new AssembledShadow.Rejected(p, e.reason().name(), e.getMessage()));
            } catch (IllegalArgumentException e) {
              rejected.add(
                  new AssembledShadow.Rejected(
                      p, DeadLetters.Reason.UNUSABLE_SCHEMA.name(), e.getMessage()));
            }
          }
          writes.put(table, new TableWrite(icebergName, schema, changes));
          aggregates.put(table, figures.result());
          history.put(table, keyChanges);
        });
    return new AssembledShadow(writes, aggregates, rejected, unusable, history);
  }

  /** The key's net change in the shadow, from its first and last change events. */
  private Optional<KeyChange> keyChange(PendingChange p, ChangeEvent last) {
    ChangeEvent first =
        p.hasEarlierChange()
            ? (ChangeEvent)
                decoder.decode(p.topic(), p.partition(), p.offset(), p.rawKey(), p.firstRawValue())
            : last;
    return KeyChange.net(
        p.table(),
        p.firstOp(),
        p.op(),
        p.rowKey(),
        last.key(),
        first.before(),
        last.after(),
        p.events(),
        Instant.ofEpochMilli(p.commitMillis()));
  }

  private SourceTableSchema schemaAtCut(List<PendingChange> staged) {
    PendingChange newest =
        staged.stream().max(Comparator.comparingLong(PendingChange::offset)).orElseThrow();
    ChangeEvent event = event(newest);
    return schemas.read(newest.rawValue(), List.copyOf(event.key().keySet()));
  }

  private ChangeEvent event(PendingChange p) {
    DecodedRecord decoded =
        decoder.decode(p.topic(), p.partition(), p.offset(), p.rawKey(), p.rawValue());
    if (decoded instanceof ChangeEvent e) {
      return e;
    }
    throw new IllegalArgumentException("staged record is no longer a change event: " + decoded);
  }
}
