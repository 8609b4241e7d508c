package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.history.KeyChange;
import io.chronoshadow.shadow.stage.ColumnAggregates;
import io.chronoshadow.shadow.stage.PendingChange;
import java.util.List;
import java.util.Map;

/**
 * One shadow's staged changes turned into the committer's input, per source table, plus what could
 * not be used.
 *
 * @param writes per source table (schema.table): the table write
 * @param aggregates per source table: numeric column aggregates of the written after-images
 * @param rejected staged changes that cannot be stored, with reason and detail
 * @param unusableTables source tables whose schema cannot be stored at all, with the reason
 * @param history per source table: the net change of each key, for the change history
 */
record AssembledShadow(
    Map<String, TableWrite> writes,
    Map<String, List<ColumnAggregates.Aggregate>> aggregates,
    List<Rejected> rejected,
    Map<String, String> unusableTables,
    Map<String, List<KeyChange>> history) {

  record Rejected(PendingChange change, String reason, String detail) {}
}
