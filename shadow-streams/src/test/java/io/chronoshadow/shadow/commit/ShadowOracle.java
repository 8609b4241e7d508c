package io.chronoshadow.shadow.commit;

import io.chronoshadow.shadow.cut.ShadowIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An in-memory replay of the changes: the state of every table after each shadow, and a seeded
 * random change generator (inserts, updates, deletes, several changes of one key per shadow).
 */
final class ShadowOracle {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final Random random;
  private final Map<String, Map<RowKey, Map<String, Object>>> current = new HashMap<>();

  /** Per shadow sequence (1-based index - 1): table → key → row. */
  private final List<Map<String, Map<RowKey, Map<String, Object>>>> history = new ArrayList<>();

  private final List<String> shadowIds = new ArrayList<>();
  private long nextOrderId = 1;

  ShadowOracle(long seed) {
    this.random = new Random(seed);
    current.put(ShopTables.ORDERS, new LinkedHashMap<>());
    current.put(ShopTables.LINES, new LinkedHashMap<>());
  }

  static Instant cutTime(int sequence) {
    return START.plus(Duration.ofMinutes(5L * sequence));
  }

  static String shadowId(int sequence) {
    return ShadowIds.of(ShopTables.GROUP, cutTime(sequence));
  }

  /** Generates the next shadow's changes (applied to the oracle) as a ShadowWrite. */
  ShadowWrite nextShadow(int orderChanges, int lineChanges) {
    int sequence = history.size() + 1;
    List<TableWrite> tables = new ArrayList<>();
    tables.add(
        new TableWrite(
            ShopTables.ORDERS, ShopTables.ORDERS_SCHEMA, changes(ShopTables.ORDERS, orderChanges)));
    tables.add(
        new TableWrite(
            ShopTables.LINES, ShopTables.LINES_SCHEMA, changes(ShopTables.LINES, lineChanges)));
    snapshot();
    shadowIds.add(shadowId(sequence));
    return new ShadowWrite(
        shadowId(sequence),
        ShopTables.GROUP,
        sequence,
        cutTime(sequence),
        Map.of(
            "shop.orders",
            "lsn:" + (sequence * 1000),
            "shop.order_lines",
            "lsn:" + (sequence * 1000 + 7)),
        tables);
  }

  private List<RowChange> changes(String table, int count) {
    Map<RowKey, Map<String, Object>> rows = current.get(table);
    List<String> keyColumns = ShopTables.keyColumns(table);
    List<RowChange> changes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int op = random.nextInt(10);
      List<RowKey> existing = new ArrayList<>(rows.keySet());
      if (op < 4 || existing.size() < 3) {
        Map<String, Object> row = newRow(table, existing);
        if (row == null) {
          continue;
        }
        rows.put(RowKey.of(row, keyColumns), row);
        changes.add(RowChange.upsert(row));
      } else if (op < 8) {
        RowKey key = existing.get(random.nextInt(existing.size()));
        Map<String, Object> row = updated(table, rows.get(key));
        rows.put(key, row);
        changes.add(RowChange.upsert(row));
      } else {
        RowKey key = existing.get(random.nextInt(existing.size()));
        Map<String, Object> keyValues = new LinkedHashMap<>();
        for (int k = 0; k < keyColumns.size(); k++) {
          keyValues.put(keyColumns.get(k), key.values().get(k));
        }
        rows.remove(key);
        changes.add(RowChange.delete(keyValues));
      }
    }
    return changes;
  }

  private Map<String, Object> newRow(String table, List<RowKey> existing) {
    Map<String, Object> row = new LinkedHashMap<>();
    if (ShopTables.ORDERS.equals(table)) {
      // Sometimes re-insert a key deleted earlier: its old rows must stay deleted.
      long id =
          nextOrderId > 5 && random.nextInt(5) == 0
              ? 1 + random.nextInt((int) nextOrderId - 1)
              : nextOrderId++;
      if (existing.contains(new RowKey(List.of(id)))) {
        id = nextOrderId++;
      }
      row.put("id", id);
      row.put("customer", "c" + random.nextInt(50));
      row.put(
          "amount",
          random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2));
      row.put("status", random.nextBoolean() ? "new" : null);
      row.put(
          "created",
          OffsetDateTime.ofInstant(START.plusSeconds(random.nextInt(100_000)), ZoneOffset.UTC));
    } else {
      long orderId = 1 + random.nextInt(20);
      int lineNo = 1 + random.nextInt(5);
      if (existing.contains(new RowKey(List.of(orderId, lineNo)))) {
        return null;
      }
      row.put("order_id", orderId);
      row.put("line_no", lineNo);
      row.put("sku", "sku-" + random.nextInt(100));
      row.put("qty", random.nextInt(3) == 0 ? null : random.nextInt(10));
    }
    return row;
  }

  private Map<String, Object> updated(String table, Map<String, Object> old) {
    Map<String, Object> row = new LinkedHashMap<>(old);
    if (ShopTables.ORDERS.equals(table)) {
      row.put("status", List.of("paid", "shipped", "cancelled").get(random.nextInt(3)));
      row.put("amount", BigDecimal.valueOf(random.nextInt(1_000_000), 2));
    } else {
      row.put("qty", random.nextInt(10));
    }
    return row;
  }

  private void snapshot() {
    Map<String, Map<RowKey, Map<String, Object>>> copy = new HashMap<>();
    current.forEach((t, rows) -> copy.put(t, new LinkedHashMap<>(rows)));
    history.add(copy);
  }

  /** The state of {@code table} after shadow {@code sequence} (1-based). */
  Map<RowKey, Map<String, Object>> stateAt(int sequence, String table) {
    return history.get(sequence - 1).get(table);
  }

  int shadows() {
    return history.size();
  }

  String shadowIdOf(int sequence) {
    return shadowIds.get(sequence - 1);
  }
}
