package io.chronoshadow.prophet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.prophet.features.ColumnFigures;
import io.chronoshadow.prophet.features.ColumnProfile;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.series.MetricKind;
import io.chronoshadow.prophet.series.ResamplerState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Stored series metadata: the column profile round-trips, and what version 1 stored decodes. */
class SeriesMetaTest {

  static final SeriesKey KEY = new SeriesKey("shop", "shop.order_lines", "quantity.mean");
  static final ResamplerState RESAMPLER =
      new ResamplerState(MetricKind.LEVEL, 0, 10_000, 12, true, 50_000, 60_000, 1.5, 0, 2);

  @Test
  void theColumnProfileRoundTrips() {
    ColumnProfile profile =
        ColumnProfile.NONE
            .plus(new ColumnFigures(false, 3, 4, 6.0, 1, 2))
            .plus(new ColumnFigures(false, 1, 3, null, 3, 3));
    SeriesMeta meta = new SeriesMeta(KEY, "mean quantity", RESAMPLER, 40_000, 2, profile);
    assertThat(SeriesMeta.decode(meta.encode())).isEqualTo(meta);
  }

  @Test
  void theSamplingVarianceAndCoverageRoundTrip() {
    SeriesMeta meta =
        new SeriesMeta(
            KEY,
            "mean quantity",
            RESAMPLER,
            40_000,
            2,
            ColumnProfile.NONE.plus(new ColumnFigures(false, 3, 4, 6.0, 1, 2)),
            0.125,
            new io.chronoshadow.prophet.anomaly.Coverage(900, 721, 856));
    assertThat(SeriesMeta.decode(meta.encode())).isEqualTo(meta);
  }

  /** Stores written before calibration: no sampling variance, no coverage yet. */
  @Test
  void aVersionTwoRecordDecodesWithoutCoverage() {
    SeriesMeta v3 = new SeriesMeta(KEY, "mean quantity", RESAMPLER, 40_000, 2, ColumnProfile.NONE);
    byte[] bytes = v3.encode();
    // Version 2 is version 3 without the trailing variance (8 bytes) and coverage (3 ints).
    byte[] v2 = java.util.Arrays.copyOf(bytes, bytes.length - 20);
    v2[0] = 2;
    assertThat(SeriesMeta.decode(v2)).isEqualTo(v3);
  }

  /** Stores written before the profile existed: the series restore with an empty one. */
  @Test
  void aVersionOneRecordDecodesWithAnEmptyProfile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeUTF(KEY.group());
      out.writeUTF(KEY.table());
      out.writeUTF(KEY.metric());
      out.writeUTF("mean quantity");
      out.writeByte(RESAMPLER.kind().ordinal());
      out.writeLong(RESAMPLER.originMillis());
      out.writeLong(RESAMPLER.stepMillis());
      out.writeInt(RESAMPLER.maxCarrySteps());
      out.writeBoolean(RESAMPLER.started());
      out.writeLong(RESAMPLER.mark());
      out.writeLong(RESAMPLER.next());
      out.writeDouble(RESAMPLER.value());
      out.writeLong(RESAMPLER.covered());
      out.writeLong(RESAMPLER.droppedLate());
      out.writeLong(40_000);
      out.writeInt(2);
    }
    SeriesMeta meta = SeriesMeta.decode(bytes.toByteArray());
    assertThat(meta)
        .isEqualTo(new SeriesMeta(KEY, "mean quantity", RESAMPLER, 40_000, 2, ColumnProfile.NONE));
  }
}
