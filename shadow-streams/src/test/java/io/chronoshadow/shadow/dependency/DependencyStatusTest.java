package io.chronoshadow.shadow.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DependencyStatusTest {

  private final DependencyStatus status = new DependencyStatus("shop");

  @Test
  void anOutageIsCountedOnceHoweverManyCallsFailInIt() {
    assertThat(status.failed(Dependency.CATALOG, "shadow 3 waits", refused())).isTrue();
    assertThat(status.failed(Dependency.CATALOG, "shadow 3 waits", refused())).isFalse();
    assertThat(status.outages(Dependency.CATALOG)).isEqualTo(1);
    assertThat(status.current())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.dependency()).isEqualTo(Dependency.CATALOG);
              assertThat(o.problem())
                  .startsWith("catalog unavailable since")
                  .contains("shadow 3 waits")
                  .endsWith("IOException: Connection refused");
            });

    status.available(Dependency.CATALOG);
    assertThat(status.current()).isEmpty();
    status.failed(Dependency.CATALOG, "shadow 4 waits", refused());
    assertThat(status.outages(Dependency.CATALOG)).isEqualTo(2);
  }

  @Test
  void aProbeReachingAFailedDependencyOnlyMakesAnAttemptDue() {
    status.failed(Dependency.OBJECT_STORE, "shadow 3 waits", refused());
    assertThat(status.worthTrying(Dependency.OBJECT_STORE)).isFalse();

    status.reachable(Dependency.OBJECT_STORE);

    assertThat(status.worthTrying(Dependency.OBJECT_STORE)).isTrue();
    assertThat(status.isUp(Dependency.OBJECT_STORE)).isFalse();
    status.failed(Dependency.OBJECT_STORE, "shadow 3 waits", refused());
    assertThat(status.worthTrying(Dependency.OBJECT_STORE)).isFalse();
    assertThat(status.outages(Dependency.OBJECT_STORE)).isEqualTo(1);
  }

  @Test
  void anOutageOnlyAProbeSawEndsWhenTheProbeReachesItAgain() {
    assertThat(status.unreachable(Dependency.OBJECT_STORE, "probe", refused())).isTrue();
    assertThat(status.isUp(Dependency.OBJECT_STORE)).isFalse();

    status.reachable(Dependency.OBJECT_STORE);

    assertThat(status.isUp(Dependency.OBJECT_STORE)).isTrue();
    assertThat(status.outages(Dependency.OBJECT_STORE)).isEqualTo(1);
  }

  @Test
  void aFailedCallConfirmsAProbedOutageSoOnlyASuccessfulCallEndsIt() {
    status.unreachable(Dependency.OBJECT_STORE, "probe", refused());
    status.failed(Dependency.OBJECT_STORE, "shadow 3 waits", refused());

    status.reachable(Dependency.OBJECT_STORE);
    assertThat(status.isUp(Dependency.OBJECT_STORE)).isFalse();
    assertThat(status.worthTrying(Dependency.OBJECT_STORE)).isTrue();

    status.available(Dependency.OBJECT_STORE);
    assertThat(status.isUp(Dependency.OBJECT_STORE)).isTrue();
    assertThat(status.outages(Dependency.OBJECT_STORE)).isEqualTo(1);
  }

  @Test
  void reachingADependencyThatIsUpChangesNothing() {
    status.reachable(Dependency.REGISTRY);
    status.failed(Dependency.REGISTRY, "decoding", refused());
    assertThat(status.worthTrying(Dependency.REGISTRY)).isFalse();
  }

  @Test
  void metricsFollowTheOutages() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    status.bindTo(meters);
    status.failed(Dependency.BROKER, "polling", refused());

    assertThat(up(meters, "broker")).isZero();
    assertThat(up(meters, "catalog")).isEqualTo(1);
    status.available(Dependency.BROKER);
    assertThat(up(meters, "broker")).isEqualTo(1);
    assertThat(
            meters
                .get("chrono.shadow.dependency.outages")
                .tags("group", "shop", "dependency", "broker")
                .functionCounter()
                .count())
        .isEqualTo(1);
  }

  private static double up(SimpleMeterRegistry meters, String dependency) {
    return meters
        .get("chrono.shadow.dependency.up")
        .tags("group", "shop", "dependency", dependency)
        .gauge()
        .value();
  }

  private static IOException refused() {
    return new IOException("wrapper", new IOException("Connection refused"));
  }
}
