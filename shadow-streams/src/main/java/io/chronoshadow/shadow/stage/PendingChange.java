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
    byte[] rawValue) {

  private static final byte FORMAT_VERSION = 1;

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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static PendingChange decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) {
        throw new IllegalStateException("unknown pending-change format " + version);
      }
      return new PendingChange(
          readString(in),
          readString(in),
          readString(in),
          in.readLong(),
          in.readLong(),
          readString(in),
          readString(in),
          readString(in),
          in.readInt(),
          in.readLong(),
          readBytes(in),
          readBytes(in));
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
