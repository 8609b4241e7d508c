package io.chronoshadow.shadow.stage;

import io.chronoshadow.shadow.cut.TableChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One change event as the topology keeps it in its state stores (waiting for a cut, or staged for a
 * shadow): what the tracker and the stager need of it, plus the original key and value bytes and
 * coordinates. The bytes, not a decoded form, are kept so that a staged change can be decoded again
 * at commit time and dead-lettered unchanged if the table turns out to be unusable.
 *
 * @param op Debezium's one-letter op code
 * @param txId the source transaction id (PostgreSQL {@code source.txId}), null for snapshot reads
 * @param dataCollectionOrder position within the transaction for this table (0 for snapshot reads)
 * @param snapshotMarker Debezium's {@code source.snapshot} value, null when absent
 * @param rowKey canonical text of the primary key values (see {@link RowKeys})
 * @param firstOp staged under a key that changed more than once in a shadow: the op of the key's
 *     first change in the shadow; null when this is that first change
 * @param firstRawValue the value bytes of that first change (its before-image is the row at the
 *     previous shadow); null when this is the first change
 * @param events change events of the key staged in the shadow so far (1 for a single change)
 */
public record PendingChange(
    String table,
    String op,
    String txId,
    long dataCollectionOrder,
    long commitMillis,
    String snapshotMarker,
    String rowKey,
    String topic,
    int partition,
    long offset,
    byte[] rawKey,
    byte[] rawValue,
    String firstOp,
    byte[] firstRawValue,
    int events) {

  private static final byte FORMAT_VERSION = 2;

  /** One change event as it arrived. */
  public PendingChange(
      String table,
      String op,
      String txId,
      long dataCollectionOrder,
      long commitMillis,
      String snapshotMarker,
      String rowKey,
      String topic,
      int partition,
      long offset,
      byte[] rawKey,
      byte[] rawValue) {
    this(
        table,
        op,
        txId,
        dataCollectionOrder,
        commitMillis,
        snapshotMarker,
        rowKey,
        topic,
        partition,
        offset,
        rawKey,
        rawValue,
        null,
        null,
        1);
  }

  /** This change staged over {@code earlier}, a change of the same key in the same shadow. */
  public PendingChange after(PendingChange earlier) {
    return new PendingChange(
        table,
        op,
        txId,
        dataCollectionOrder,
        commitMillis,
        snapshotMarker,
        rowKey,
        topic,
        partition,
        offset,
        rawKey,
        rawValue,
        earlier.firstOp(),
        earlier.firstRawValue(),
        earlier.events() + 1);
  }

  /** The op of the key's first change in the shadow. */
  @Override
  public String firstOp() {
    return firstOp == null ? op : firstOp;
  }

  /** The value bytes of the key's first change in the shadow. */
  @Override
  public byte[] firstRawValue() {
    return firstRawValue == null ? rawValue : firstRawValue;
  }

  /** Whether the key changed more than once in the shadow (the first change is kept too). */
  public boolean hasEarlierChange() {
    return firstRawValue != null;
  }

  public PendingChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(rowKey, "rowKey");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(rawValue, "rawValue");
  }

  /** What the table's cut tracker needs to place the event. */
  public TableChange tableChange() {
    return txId == null
        ? TableChange.snapshot()
        : TableChange.transactional(txId, dataCollectionOrder, Instant.ofEpochMilli(commitMillis));
  }

  public boolean isSnapshotRead() {
    return txId == null;
  }

  /** Debezium marks the last snapshot record of each table (and of the whole snapshot). */
  /** Debezium marks the very last record of the whole initial snapshot {@code last}. */
  public boolean endsSnapshot() {
    return "last".equals(snapshotMarker);
  }

  public boolean endsSnapshotOfTable() {
    return "last_in_data_collection".equals(snapshotMarker) || "last".equals(snapshotMarker);
  }

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + rawValue.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      writeString(out, table);
      writeString(out, op);
      writeString(out, txId);
      out.writeLong(dataCollectionOrder);
      out.writeLong(commitMillis);
      writeString(out, snapshotMarker);
      writeString(out, rowKey);
      writeString(out, topic);
      out.writeInt(partition);
      out.writeLong(offset);
      writeBytes(out, rawKey);
      writeBytes(out, rawValue);
      writeString(out, firstOp);
      writeBytes(out, firstRawValue);
      out.writeInt(events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static PendingChange decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      byte version = in.readByte();
      if (version != 1 && version != FORMAT_VERSION) {
        throw new IllegalStateException("unknown pending-change format " + version);
      }
      String table = readString(in);
      String op = readString(in);
      String txId = readString(in);
      long order = in.readLong();
      long commit = in.readLong();
      String marker = readString(in);
      String rowKey = readString(in);
      String topic = readString(in);
      int partition = in.readInt();
      long offset = in.readLong();
      byte[] rawKey = readBytes(in);
      byte[] rawValue = readBytes(in);
      // Format 1 (before the change history) kept the last change only.
      String firstOp = version == 1 ? null : readString(in);
      byte[] firstRawValue = version == 1 ? null : readBytes(in);
      int events = version == 1 ? 1 : in.readInt();
      return new PendingChange(
          table,
          op,
          txId,
          order,
          commit,
          marker,
          rowKey,
          topic,
          partition,
          offset,
          rawKey,
          rawValue,
          firstOp,
          firstRawValue,
          events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = readBytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
