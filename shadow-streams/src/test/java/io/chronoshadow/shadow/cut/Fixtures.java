package io.chronoshadow.shadow.cut;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders that keep the tests readable. */
final class Fixtures {

  static final String ORDERS = "shop.orders";
  static final String ITEMS = "shop.items";
  static final String CUSTOMERS = "shop.customers";

  private Fixtures() {}

  /** A time on 2026-01-01 UTC, e.g. {@code at("00:10")} or {@code at("00:59:59.999")}. */
  static Instant at(String time) {
    String full = time.length() == 5 ? time + ":00" : time;
    return Instant.parse("2026-01-01T" + full + "Z");
  }

  static CommittedTransaction tx(String id, Instant commit, Object... tableCounts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < tableCounts.length; i += 2) {
      counts.put((String) tableCounts[i], ((Number) tableCounts[i + 1]).longValue());
    }
    if (counts.isEmpty()) {
      counts.put(ORDERS, 1L);
    }
    return new CommittedTransaction(id, commit, counts);
  }

  static CommittedTransaction tx(String id, String time, Object... tableCounts) {
    return tx(id, at(time), tableCounts);
  }

  static Watermark wm(String time) {
    return new Watermark(at(time));
  }

  static Watermark wm(Instant time) {
    return new Watermark(time);
  }

  static List<Instant> cutTimes(List<Cut> cuts) {
    List<Instant> out = new ArrayList<>();
    cuts.forEach(c -> out.add(c.cutTime()));
    return out;
  }
}
