package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.series.MetricKind;
import io.chronoshadow.prophet.series.ResamplerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the engine stores per series besides its history: identity, the resampler's exact state, and
 * where the stored history starts. Binary, versioned by its first byte.
 *
 * @param firstStoredStep end of the oldest stored step (meaningless when {@code storedSteps} is 0)
 */
public record SeriesMeta(
    SeriesKey key,
    String displayName,
    ResamplerState resampler,
    long firstStoredStep,
    int storedSteps) {

  private static final byte VERSION = 1;

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(key.group());
      out.writeUTF(key.table());
      out.writeUTF(key.metric());
      out.writeUTF(displayName);
      ResamplerState r = resampler;
      out.writeByte(r.kind().ordinal());
      out.writeLong(r.originMillis());
      out.writeLong(r.stepMillis());
      out.writeInt(r.maxCarrySteps());
      out.writeBoolean(r.started());
      out.writeLong(r.mark());
      out.writeLong(r.next());
      out.writeDouble(r.value());
      out.writeLong(r.covered());
      out.writeLong(r.droppedLate());
      out.writeLong(firstStoredStep);
      out.writeInt(storedSteps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static SeriesMeta decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown series meta version " + version);
      }
      SeriesKey key = new SeriesKey(in.readUTF(), in.readUTF(), in.readUTF());
      String displayName = in.readUTF();
      ResamplerState r =
          new ResamplerState(
              MetricKind.values()[in.readByte()],
              in.readLong(),
              in.readLong(),
              in.readInt(),
              in.readBoolean(),
              in.readLong(),
              in.readLong(),
              in.readDouble(),
              in.readLong(),
              in.readLong());
      return new SeriesMeta(key, displayName, r, in.readLong(), in.readInt());
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt series meta", e);
    }
  }
}
