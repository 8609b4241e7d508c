package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.cut.OpenShadow;
import io.chronoshadow.shadow.cut.PlannerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An {@link OpenShadow} in a state store, one entry per effective millisecond ({@code open/<millis,
 * zero-padded>}), so that a transaction costs one small write however many the open bucket holds.
 * Kept in the planner's state, the entries were serialised with it on every transaction: quadratic
 * in the transactions of a bucket (a 20,000-transaction bucket took minutes). The first and last
 * entries are cached; a cut range-scans what it takes.
 */
final class StoreOpenShadow implements OpenShadow {

  private static final String FROM = StoreKeys.openEntry(0);
  private static final String TO = StoreKeys.openEntry(Long.MAX_VALUE);

  private final KeyValueStore<String, byte[]> store;
  private PlannerState.OpenEntry first;
  private PlannerState.OpenEntry last;

  /**
   * @param migrated entries of a planner state written before they moved to the store
   */
  StoreOpenShadow(KeyValueStore<String, byte[]> store, List<PlannerState.OpenEntry> migrated) {
    this.store = store;
    migrated.forEach(this::put);
    try (KeyValueIterator<String, byte[]> it = store.range(FROM, TO)) {
      first = it.hasNext() ? decode(it.next().value) : null;
    }
    try (KeyValueIterator<String, byte[]> it = store.reverseRange(FROM, TO)) {
      last = it.hasNext() ? decode(it.next().value) : null;
    }
  }

  @Override
  public void add(long effectiveMillis, String txId, Map<String, Long> counts) {
    put(OpenShadow.withTransaction(last, effectiveMillis, txId, counts));
  }

  @Override
  public void addBaseline(long effectiveMillis) {
    if (last == null || last.effectiveMillis() != effectiveMillis) {
      put(new PlannerState.OpenEntry(effectiveMillis, 0, NO_TRANSACTION, Map.of()));
    }
  }

  private void put(PlannerState.OpenEntry entry) {
    store.put(StoreKeys.openEntry(entry.effectiveMillis()), encode(entry));
    last = entry;
    if (first == null || first.effectiveMillis() == entry.effectiveMillis()) {
      first = entry;
    }
  }

  @Override
  public boolean hasBefore(long millis) {
    return first != null && first.effectiveMillis() < millis;
  }

  @Override
  public Taken takeBefore(long millis) {
    Taken.Sum sum = new Taken.Sum();
    List<String> taken = new ArrayList<>();
    PlannerState.OpenEntry next = null;
    try (KeyValueIterator<String, byte[]> it = store.range(FROM, TO)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        PlannerState.OpenEntry e = decode(kv.value);
        if (e.effectiveMillis() >= millis) {
          next = e;
          break;
        }
        sum.add(e);
        taken.add(kv.key);
      }
    }
    taken.forEach(store::delete);
    first = next;
    if (next == null) {
      last = null;
    }
    return sum.taken();
  }

  @Override
  public List<PlannerState.OpenEntry> entries() {
    return List.of();
  }

  static byte[] encode(PlannerState.OpenEntry e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(e.effectiveMillis());
      out.writeLong(e.transactionCount());
      out.writeUTF(e.lastTxId());
      out.writeInt(e.counts().size());
      for (Map.Entry<String, Long> c : e.counts().entrySet()) {
        out.writeUTF(c.getKey());
        out.writeLong(c.getValue());
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  static PlannerState.OpenEntry decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      long millis = in.readLong();
      long transactions = in.readLong();
      String lastTxId = in.readUTF();
      int n = in.readInt();
      Map<String, Long> counts = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        counts.put(in.readUTF(), in.readLong());
      }
      return new PlannerState.OpenEntry(millis, transactions, lastTxId, counts);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable open-shadow entry", e);
    }
  }
}
