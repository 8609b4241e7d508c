package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.anomaly.Coverage;
import io.chronoshadow.prophet.features.ColumnProfile;
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
 * What the engine stores per series besides its history: identity, the resampler's exact state,
 * where the stored history starts, and what the shadows showed of the column (for a column mean).
 * Binary, versioned by its first byte; version 1 (before the column profile) still decodes, with an
 * empty profile, and version 2 (before calibration) with no sampling variance and no coverage.
 *
 * @param firstStoredStep end of the oldest stored step (meaningless when {@code storedSteps} is 0)
 * @param column the evidence the series' watch decision is made on ({@link ColumnProfile#NONE} for
 *     a table metric)
 * @param samplingVariance the squared standard error of the latest observation (a column mean over
 *     few rows; 0 otherwise), which the steps it is carried into are scored with
 * @param coverage the detector's empirical coverage of its 80% and 95% intervals, as of the last
 *     step (what the series route shows without rebuilding a detector)
 */
public record SeriesMeta(
    SeriesKey key,
    String displayName,
    ResamplerState resampler,
    long firstStoredStep,
    int storedSteps,
    ColumnProfile column,
    double samplingVariance,
    Coverage coverage) {

  private static final byte VERSION_1 = 1;
  private static final byte VERSION_2 = 2;
  private static final byte VERSION = 3;

  /** Without a sampling variance or coverage (a series before its first step). */
  public SeriesMeta(
      SeriesKey key,
      String displayName,
      ResamplerState resampler,
      long firstStoredStep,
      int storedSteps,
      ColumnProfile column) {
    this(key, displayName, resampler, firstStoredStep, storedSteps, column, 0, Coverage.NONE);
  }

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
      ColumnProfile c = column;
      out.writeBoolean(c.key());
      out.writeInt(c.shadows());
      out.writeInt(c.wholeShadows());
      out.writeInt(c.comparisons());
      out.writeInt(c.ascending());
      out.writeDouble(c.lastMax());
      out.writeDouble(c.min());
      out.writeDouble(c.max());
      out.writeLong(c.count());
      out.writeDouble(c.sum());
      out.writeInt(c.squaredShadows());
      out.writeDouble(c.sumOfSquares());
      out.writeDouble(samplingVariance);
      out.writeInt(coverage.scored());
      out.writeInt(coverage.inside80());
      out.writeInt(coverage.inside95());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static SeriesMeta decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION && version != VERSION_2 && version != VERSION_1) {
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
      long firstStoredStep = in.readLong();
      int storedSteps = in.readInt();
      ColumnProfile column =
          version == VERSION_1
              ? ColumnProfile.NONE
              : new ColumnProfile(
                  in.readBoolean(),
                  in.readInt(),
                  in.readInt(),
                  in.readInt(),
                  in.readInt(),
                  in.readDouble(),
                  in.readDouble(),
                  in.readDouble(),
                  in.readLong(),
                  in.readDouble(),
                  in.readInt(),
                  in.readDouble());
      if (version != VERSION) {
        return new SeriesMeta(key, displayName, r, firstStoredStep, storedSteps, column);
      }
      double samplingVariance = in.readDouble();
      Coverage coverage = new Coverage(in.readInt(), in.readInt(), in.readInt());
      return new SeriesMeta(
          key, displayName, r, firstStoredStep, storedSteps, column, samplingVariance, coverage);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt series meta", e);
    }
  }
}
