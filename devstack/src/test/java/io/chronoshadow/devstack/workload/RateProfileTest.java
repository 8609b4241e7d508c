package io.chronoshadow.devstack.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateProfileTest {

  private static final Duration DAY = Duration.ofMinutes(10);

  private static RateProfile noBursts(double mean, double ratio) {
    return new RateProfile(mean, ratio, DAY, 1, 0.0, Duration.ofSeconds(15), 3.0);
  }

  @Test
  void peakAtNoonIsTheConfiguredMultipleOfTheTroughAtMidnight() {
    RateProfile profile = noBursts(20, 4);
    double midnight = profile.ratePerSecond(Duration.ZERO);
    double noon = profile.ratePerSecond(DAY.dividedBy(2));
    assertThat(noon / midnight).isCloseTo(4.0, within(1e-9));
    assertThat(midnight).isCloseTo(profile.troughRatePerSecond(), within(1e-9));
    assertThat(noon).isCloseTo(profile.peakRatePerSecond(), within(1e-9));
    // the next day repeats
    assertThat(profile.ratePerSecond(DAY.plus(DAY.dividedBy(2)))).isCloseTo(noon, within(1e-9));
  }

  @Test
  void dailyMeanIsTheBaseRateAndTheCycleRisesUntilNoon() {
    RateProfile profile = noBursts(20, 4);
    int samples = 10_000;
    double sum = 0;
    double previous = -1;
    for (int i = 0; i < samples; i++) {
      double rate = profile.ratePerSecond(DAY.multipliedBy(i).dividedBy(samples));
      sum += rate;
      if (i <= samples / 2) {
        assertThat(rate).isGreaterThanOrEqualTo(previous);
      }
      previous = rate;
    }
    assertThat(sum / samples).isCloseTo(20.0, within(1e-6));
  }

  @Test
  void ratioOneIsFlat() {
    RateProfile profile = noBursts(5, 1);
    assertThat(profile.ratePerSecond(Duration.ZERO)).isEqualTo(5.0);
    assertThat(profile.ratePerSecond(Duration.ofMinutes(3))).isCloseTo(5.0, within(1e-12));
  }

  @Test
  void burstsDependOnlyOnSeedAndSlotAndMultiplyTheRate() {
    RateProfile a = new RateProfile(20, 4, DAY, 42, 0.2, Duration.ofSeconds(10), 3.0);
    RateProfile sameSeed = new RateProfile(20, 4, DAY, 42, 0.2, Duration.ofSeconds(10), 3.0);
    RateProfile otherSeed = new RateProfile(20, 4, DAY, 43, 0.2, Duration.ofSeconds(10), 3.0);
    List<Boolean> burstsA = bursts(a);
    assertThat(bursts(sameSeed)).isEqualTo(burstsA);
    assertThat(bursts(otherSeed)).isNotEqualTo(burstsA);
    // queried backwards, the answers are the same: no hidden state
    List<Boolean> backwards = new ArrayList<>();
    for (int slot = 999; slot >= 0; slot--) {
      backwards.add(0, a.inBurst(Duration.ofSeconds(slot * 10L + 5)));
    }
    assertThat(backwards).isEqualTo(burstsA);
    long burstSlots = burstsA.stream().filter(b -> b).count();
    assertThat(burstSlots).isBetween(150L, 250L);

    Duration inBurst = Duration.ofSeconds(burstsA.indexOf(true) * 10L + 1);
    assertThat(a.ratePerSecond(inBurst))
        .isCloseTo(3.0 * a.dailyRatePerSecond(inBurst), within(1e-9));
    Duration calm = Duration.ofSeconds(burstsA.indexOf(false) * 10L + 1);
    assertThat(a.ratePerSecond(calm)).isEqualTo(a.dailyRatePerSecond(calm));
  }

  private static List<Boolean> bursts(RateProfile profile) {
    List<Boolean> result = new ArrayList<>();
    for (int slot = 0; slot < 1000; slot++) {
      result.add(profile.inBurst(Duration.ofSeconds(slot * 10L + 5)));
    }
    return result;
  }

  @Test
  void rateIsAlwaysPositive() {
    RateProfile profile =
        new RateProfile(0.01, 1000, Duration.ofSeconds(7), 5, 0.5, Duration.ofMillis(300), 10);
    for (long ms = 0; ms < 200_000; ms += 37) {
      assertThat(profile.ratePerSecond(Duration.ofMillis(ms))).isPositive();
    }
  }

  @Test
  void negativeTimeAndNonsenseParametersAreRejected() {
    RateProfile profile = noBursts(20, 4);
    assertThatThrownBy(() -> profile.ratePerSecond(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> noBursts(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> noBursts(10, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtFromConfig() {
    WorkloadConfig config =
        WorkloadConfig.builder().baseRatePerSecond(30).peakToTroughRatio(2).build();
    RateProfile profile = RateProfile.of(config);
    assertThat(profile.peakRatePerSecond() / profile.troughRatePerSecond())
        .isCloseTo(2.0, within(1e-9));
    assertThat(profile.dayLength()).isEqualTo(config.dayLength());
  }
}
