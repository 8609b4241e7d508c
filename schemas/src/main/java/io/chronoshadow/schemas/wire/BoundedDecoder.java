package io.chronoshadow.schemas.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A {@link BinaryDecoder} over a message in memory that refuses a string or bytes length, or an
 * array or map block's item count, larger than the number of bytes left in the message. Avro
 * allocates the buffer for a length, and the array for a count, before it reads a single byte of
 * them, so a few malformed bytes claiming 2^31 made their decode an {@link OutOfMemoryError}: not a
 * decode failure that dead-letters the record, but an error that kills the stream thread, which
 * then reads the same record again. Every item takes at least one byte in the schemas we read (a
 * map entry's key alone does); only an array of nulls longer than the rest of its message, which no
 * Debezium or Connect schema has, is refused wrongly. Every other read is the binary decoder's own.
 */
final class BoundedDecoder extends Decoder {

  private final BinaryDecoder in;

  BoundedDecoder(BinaryDecoder in) {
    this.in = in;
  }

  /** Reads a length prefix and checks it against the bytes left. */
  private int length() throws IOException {
    long length = in.readLong();
    if (length < 0) {
      throw new IOException("negative length " + length);
    }
    return (int) withinMessage(length, "length");
  }

  /** A block's item count, as the binary decoder returns it (never negative). */
  private long items(long count) throws IOException {
    return withinMessage(count, "item count");
  }

  private long withinMessage(long claimed, String what) throws IOException {
    int left = in.inputStream().available();
    if (claimed > left) {
      throw new EOFException(what + " " + claimed + " exceeds the " + left + " bytes left");
    }
    return claimed;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length();
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    if (length > 0) {
      in.readFixed(result.getBytes(), 0, length);
    }
    return result;
  }

  @Override
  public String readString() throws IOException {
    return readString(null).toString();
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(length());
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    byte[] bytes = new byte[length()];
    in.readFixed(bytes);
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(length());
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(in.readArrayStart());
  }

  @Override
  public long arrayNext() throws IOException {
    return items(in.arrayNext());
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long readMapStart() throws IOException {
    return items(in.readMapStart());
  }

  @Override
  public long mapNext() throws IOException {
    return items(in.mapNext());
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
