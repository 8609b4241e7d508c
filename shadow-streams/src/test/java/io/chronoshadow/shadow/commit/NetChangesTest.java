package io.chronoshadow.shadow.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.table.IcebergSchemas;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;

class NetChangesTest {

  private static final Schema LINES = IcebergSchemas.fromSource(ShopTables.LINES_SCHEMA);
  private static final Schema ORDERS = IcebergSchemas.fromSource(ShopTables.ORDERS_SCHEMA);

  @Test
  void lastChangePerKeyWinsAndDeletesKeepOnlyTheKey() {
    Map<RowKey, NetChanges.Net> net =
        byKey(
            LINES,
            List.of(
                RowChange.upsert(line(1L, 1, "a", 1)),
                RowChange.upsert(line(1L, 2, "b", 2)),
                RowChange.upsert(line(1L, 1, "a", 5)),
                RowChange.delete(Map.of("order_id", 1L, "line_no", 2, "sku", "b")),
                RowChange.delete(Map.of("order_id", 2L, "line_no", 1)),
                RowChange.upsert(line(2L, 1, "c", 3))));
    assertThat(net).hasSize(3);
    assertThat(net.get(new RowKey(List.of(1L, 1))).after().getField("qty")).isEqualTo(5);
    assertThat(net.get(new RowKey(List.of(1L, 2))).after()).isNull();
    assertThat(net.get(new RowKey(List.of(1L, 2))).deletedKey().struct().fields()).hasSize(2);
    assertThat(net.get(new RowKey(List.of(2L, 1))).after().getField("sku")).isEqualTo("c");
  }

  @Test
  void valuesAreCoercedOrRejectedWithTheColumnNamed() {
    Map<String, Object> order = new HashMap<>();
    order.put("id", 7); // int into a long key column
    order.put("customer", "c");
    order.put("amount", new BigDecimal("1.5")); // rescaled losslessly to 1.50
    order.put("created", Instant.parse("2026-01-01T00:00:00Z"));
    NetChanges.Net net =
        byKey(ORDERS, List.of(RowChange.upsert(order))).get(new RowKey(List.of(7L)));
    assertThat(net.after().getField("id")).isEqualTo(7L);
    assertThat(net.after().getField("amount")).isEqualTo(new BigDecimal("1.50"));
    assertThat(net.after().getField("created")).isInstanceOf(OffsetDateTime.class);

    order.put("amount", new BigDecimal("1.555"));
    assertThatThrownBy(() -> collapse(ORDERS, List.of(RowChange.upsert(order))))
        .hasMessageContaining("column amount decimal(10, 2) cannot hold 1.555");
    order.put("amount", null);
    order.put("status", 3);
    assertThatThrownBy(() -> collapse(ORDERS, List.of(RowChange.upsert(order))))
        .hasMessageContaining("column status of type string cannot hold a Integer");
    assertThatThrownBy(() -> collapse(ORDERS, List.of(RowChange.delete(Map.of("customer", "x")))))
        .hasMessageContaining("change without a value for key column id");
    assertThatThrownBy(
            () ->
                collapse(
                    ORDERS,
                    List.of(RowChange.upsert(Map.of("id", 1L, "customer", "c", "nope", 1)))))
        .hasMessageContaining("unknown column nope");
  }

  private static java.util.Collection<NetChanges.Net> collapse(
      Schema schema, List<RowChange> changes) {
    return NetChanges.forSchema(schema).collapse("t", changes);
  }

  private static Map<RowKey, NetChanges.Net> byKey(Schema schema, List<RowChange> changes) {
    NetChanges netChanges = NetChanges.forSchema(schema);
    Map<RowKey, NetChanges.Net> byKey = new HashMap<>();
    for (NetChanges.Net net : netChanges.collapse("t", changes)) {
      org.apache.iceberg.data.Record key = netChanges.newKeyRecord();
      netChanges.keyOf(net, key);
      List<Object> values = new java.util.ArrayList<>();
      for (int i = 0; i < key.size(); i++) {
        values.add(key.get(i));
      }
      byKey.put(new RowKey(values), net);
    }
    return byKey;
  }

  private static Map<String, Object> line(long order, int line, String sku, int qty) {
    return Map.of("order_id", order, "line_no", line, "sku", sku, "qty", qty);
  }
}
