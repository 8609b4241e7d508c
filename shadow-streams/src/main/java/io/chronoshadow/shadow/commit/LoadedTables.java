package io.chronoshadow.shadow.commit;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The tables a committer has loaded, kept from one shadow to the next and refreshed before each
 * use. A refresh asks the catalog for the current metadata location and re-reads the metadata file
 * only when another writer moved it; a load re-reads and parses it every time, and a shadow table's
 * metadata file grows with every shadow (it lists all snapshots and tags). A refresh still sees
 * every other writer's commit, so the idempotency checks stay exact.
 */
final class LoadedTables {

  private final Catalog catalog;
  private final ConcurrentHashMap<TableIdentifier, Table> tables = new ConcurrentHashMap<>();

  LoadedTables(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The table as the catalog has it now, or empty if it does not exist (or was dropped). */
  Optional<Table> find(TableIdentifier id) {
    Table kept = tables.get(id);
    if (kept != null) {
      try {
        kept.refresh();
        return Optional.of(kept);
      } catch (NoSuchTableException dropped) {
        tables.remove(id, kept);
        return Optional.empty();
      }
    }
    try {
      Table loaded = catalog.loadTable(id);
      tables.put(id, loaded);
      return Optional.of(loaded);
    } catch (NoSuchTableException absent) {
      return Optional.empty();
    }
  }

  /** As {@link #find}, for a table that must exist. */
  Table get(TableIdentifier id) {
    return find(id).orElseThrow(() -> new NoSuchTableException("table %s does not exist", id));
  }
}
