package io.chronoshadow.prophet.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static final Duration STEP = Duration.ofSeconds(10);

  private static Instant s(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static List<Double> values(List<ResampledPoint> points) {
    return points.stream().map(ResampledPoint::value).toList();
  }

  private static List<Instant> times(List<ResampledPoint> points) {
    return points.stream().map(ResampledPoint::time).toList();
  }

  @Test
  void levelTakesLastObservationAtOrBeforeStepEndAndCarriesItAtMostKSteps() {
    Resampler r = Resampler.of(MetricKind.LEVEL, Instant.EPOCH, STEP, 1);
    List<ResampledPoint> out = new ArrayList<>();
    out.addAll(r.append(s(3), 1));
    out.addAll(r.append(s(7), 2));
    assertThat(out).isEmpty();
    out.addAll(r.append(s(10), 3)); // exactly at the end of step (0,10]: still belongs to it
    assertThat(out).isEmpty();
    out.addAll(r.append(s(25), 4));
    assertThat(values(out)).containsExactly(3.0, 3.0); // (0,10] and (10,20] carried once
    out.addAll(r.append(s(61), 5));
    out.addAll(r.append(s(70), 6));
    out.addAll(r.advanceTo(s(70)));

    assertThat(times(out)).containsExactly(s(10), s(20), s(30), s(40), s(50), s(60), s(70));
    assertThat(values(out)).containsExactly(3.0, 3.0, 4.0, 4.0, Double.NaN, Double.NaN, 6.0);
  }

  @Test
  void levelWithoutCarryOnlyFillsStepsThatHoldAnObservation() {
    Resampler r = Resampler.of(MetricKind.LEVEL, Instant.EPOCH, STEP, 0);
    List<ResampledPoint> out = new ArrayList<>();
    out.addAll(r.append(s(5), 1));
    out.addAll(r.append(s(35), 2));
    out.addAll(r.advanceTo(s(40)));
    assertThat(values(out)).containsExactly(1.0, Double.NaN, Double.NaN, 2.0);
  }

  @Test
  void rateIsTimeWeightedOverTheReportedIntervalsAndUntrustedLongIntervalsLeaveGaps() {
    Resampler r = Resampler.of(MetricKind.RATE, Instant.EPOCH, STEP, 1);
    List<ResampledPoint> out = new ArrayList<>();
    out.addAll(r.append(s(5), 100)); // anchors only
    out.addAll(r.append(s(15), 2)); // rate 2 over (5,15]
    assertThat(values(out)).containsExactly(2.0);
    out.addAll(r.append(s(20), 4)); // (10,20] = 5 s at 2 + 5 s at 4
    assertThat(values(out)).containsExactly(2.0, 3.0);
    out.addAll(r.append(s(45), 8)); // (20,45] is 25 s > 2 steps: not trusted
    out.addAll(r.append(s(50), 6)); // (45,50] covers half of (40,50]
    out.addAll(r.advanceTo(s(65))); // a trusted interval could still reach back to 50
    assertThat(out).hasSize(5);
    out.addAll(r.advanceTo(s(70)));

    assertThat(times(out)).containsExactly(s(10), s(20), s(30), s(40), s(50), s(60), s(70));
    assertThat(values(out))
        .containsExactly(2.0, 3.0, Double.NaN, Double.NaN, 6.0, Double.NaN, Double.NaN);
  }

  @Test
  void rateSpreadsAnUnevenIntervalOverEveryStepItOverlaps() {
    Resampler r = Resampler.of(MetricKind.RATE, Instant.EPOCH, STEP, 1);
    List<ResampledPoint> out = new ArrayList<>();
    out.addAll(r.append(s(0), 0));
    out.addAll(r.append(s(4), 10)); // (0,4] at 10
    out.addAll(r.append(s(16), 20)); // (4,16] at 20: 6 s in step 0, 6 s in step 1
    out.addAll(r.append(s(20), 5)); // (16,20] at 5
    assertThat(values(out)).containsExactly((4 * 10 + 6 * 20) / 10.0, (6 * 20 + 4 * 5) / 10.0);
  }

  @Test
  void lateObservationsAreDroppedAndCounted() {
    Resampler r = Resampler.of(MetricKind.LEVEL, Instant.EPOCH, STEP, 1);
    r.append(s(15), 1);
    assertThat(r.append(s(12), 9)).isEmpty();
    assertThat(r.droppedLate()).isEqualTo(1);
    assertThat(values(r.append(s(21), 2))).containsExactly(1.0);
  }

  @Test
  void batchResamplingBuildsARegularSeriesLabelledByStepEnd() {
    RegularSeries series =
        Resampler.resample(
            MetricKind.LEVEL,
            List.of(
                new Observation(s(1), 5),
                new Observation(s(12), 6),
                new Observation(s(44), 7),
                new Observation(s(51), 8)),
            Instant.EPOCH,
            STEP,
            1);
    assertThat(series.start()).isEqualTo(s(10));
    assertThat(series.toArray()).containsExactly(5, 6, 6, Double.NaN, 7);
    assertThat(series.timeAt(4)).isEqualTo(s(50));
  }

  @Test
  void epochAlignedGridPutsStepsOnUtcBoundaries() {
    Resampler r = Resampler.epochAligned(MetricKind.LEVEL, Duration.ofHours(1), 0);
    r.append(Instant.parse("2026-11-27T14:05:00Z"), 1);
    List<ResampledPoint> out = r.append(Instant.parse("2026-11-27T15:00:01Z"), 2);
    assertThat(times(out)).containsExactly(Instant.parse("2026-11-27T15:00:00Z"));
  }
}
