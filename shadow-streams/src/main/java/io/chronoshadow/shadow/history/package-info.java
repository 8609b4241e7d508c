/**
 * The columnar change history of a shadow group: what each shadow changed, key by key, in one
 * append-only Iceberg table per group ({@code HistoryTable}), written in the shadow's own
 * idempotent commit, and read through {@code ChangeHistory} (a key's history, a table's changes in
 * a time range, one shadow's changes).
 */
package io.chronoshadow.shadow.history;
