package io.chronoshadow.devstack.workload;

import static io.chronoshadow.devstack.workload.PostgresFixture.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkloadLifecycleTest {

  private static final String OUR_SESSIONS =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '"
          + SessionConnection.APPLICATION_NAME_PREFIX
          + "%'";

  static PostgresFixture pg;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresFixture.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  private static WorkloadConfig fastFlat(long seed) {
    return WorkloadConfig.builder()
        .seed(seed)
        .baseRatePerSecond(200)
        .peakToTroughRatio(1)
        .burstProbability(0)
        .build();
  }

  @Test
  void closeStopsPromptlyMidTrafficAndMidAnomaliesLeavingNoSession() throws Exception {
    DataSource db = pg.newDatabase("close_promptly");
    ShopWorkload workload = ShopWorkload.create(db, fastFlat(1));
    workload.runSteps(500);
    workload.start();
    CompletableFuture<AnomalyInjection> spike = workload.inject(Anomaly.ORDER_SPIKE);
    CompletableFuture<AnomalyInjection> drain = workload.inject(Anomaly.STOCK_DRAIN);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> workload.stats().committedOf("place_order") > 300);
    assertThat(queryLong(pg.admin(), OUR_SESSIONS)).isGreaterThanOrEqualTo(2);

    long closeStart = System.nanoTime();
    workload.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - closeStart);

    assertThat(closing).isLessThan(Duration.ofSeconds(2));
    assertThat(workload.isRunning()).isFalse();
    // the 30 s spike was cut short, and says so
    AnomalyInjection cut = spike.get(1, TimeUnit.SECONDS);
    assertThat(cut.completed()).isFalse();
    assertThat(cut.duration()).isLessThan(Duration.ofSeconds(30));
    assertThat(drain.get(1, TimeUnit.SECONDS).completed()).isFalse();
    // no idle-in-transaction session, indeed no session at all, is left behind
    await().atMost(Duration.ofSeconds(5)).until(() -> queryLong(pg.admin(), OUR_SESSIONS) == 0);
    long steps = workload.stats().stepsExecuted();
    Thread.sleep(200);
    assertThat(workload.stats().stepsExecuted()).isEqualTo(steps);
    assertThatThrownBy(() -> workload.inject(Anomaly.PRICE_GLITCH))
        .isInstanceOf(IllegalStateException.class);
    workload.close();
  }

  @Test
  void stopLeavesTheSessionIdleAndStartResumes() throws Exception {
    DataSource db = pg.newDatabase("stop_start");
    try (ShopWorkload workload = ShopWorkload.create(db, fastFlat(2))) {
      workload.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> workload.stats().committed() > 100);
      workload.stop();
      assertThat(workload.isRunning()).isFalse();
      assertThat(queryLong(pg.admin(), OUR_SESSIONS + " AND state <> 'idle'")).isZero();
      long committed = workload.stats().committed();
      Thread.sleep(200);
      assertThat(workload.stats().committed()).isEqualTo(committed);
      assertThatThrownBy(
              () -> {
                workload.start();
                workload.runSteps(1);
              })
          .isInstanceOf(IllegalStateException.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> workload.stats().committed() > committed + 100);
    }
  }

  @Test
  void startStopAndInjectFromManyThreadsAtOnce() throws Exception {
    DataSource db = pg.newDatabase("many_threads");
    try (ShopWorkload workload =
        ShopWorkload.create(
            db,
            fastFlat(3).toBuilder()
                .orderSpikeDuration(Duration.ofMillis(500))
                .stockDrainDuration(Duration.ofMillis(100))
                .runawayDeleteDuration(Duration.ofMillis(100))
                .build())) {
      workload.runSteps(300);
      AtomicInteger problems = new AtomicInteger();
      Thread[] threads = new Thread[6];
      for (int i = 0; i < threads.length; i++) {
        int n = i;
        threads[i] =
            new Thread(
                () -> {
                  try {
                    for (int k = 0; k < 5; k++) {
                      if ((n + k) % 2 == 0) {
                        workload.start();
                      } else {
                        workload.stop();
                      }
                      workload.inject(Anomaly.values()[(n + k) % Anomaly.values().length]);
                      Thread.sleep(20);
                    }
                  } catch (Exception e) {
                    problems.incrementAndGet();
                  }
                });
        threads[i].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(problems).hasValue(0);
      await().atMost(Duration.ofSeconds(20)).until(() -> workload.injections().size() == 30);
      workload.stop();
      assertThat(workload.stats().failedByCause()).as("failed transactions by cause").isEmpty();
    }
    ShopConsistencyTest.assertInvariants(db);
  }

  @Test
  void sqlErrorsAreCountedAndTheWorkloadCarriesOn() throws Exception {
    DataSource db = pg.newDatabase("errors");
    WorkloadConfig config =
        fastFlat(4).toBuilder().statementTimeout(Duration.ofMillis(200)).build();
    try (ShopWorkload workload = ShopWorkload.create(db, config)) {
      workload.runSteps(100);
      workload.start();
      try (Connection blocker = db.getConnection();
          Statement s = blocker.createStatement()) {
        blocker.setAutoCommit(false);
        s.execute("LOCK TABLE shop.products IN ACCESS EXCLUSIVE MODE");
        await().atMost(Duration.ofSeconds(10)).until(() -> workload.stats().failed() >= 3);
        blocker.rollback();
      }
      long committed = workload.stats().committed();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> workload.stats().committed() > committed + 50);
      assertThat(workload.isRunning()).isTrue();
    }
  }

  @Test
  void serializationFailuresAreRetriedWithTheSameParameters() throws SQLException {
    DataSource db = pg.newDatabase("retries");
    WorkloadCounters counters = new WorkloadCounters();
    AtomicInteger attempts = new AtomicInteger();
    ShopOperation flaky =
        new ShopOperation() {
          @Override
          public String name() {
            return "flaky";
          }

          @Override
          public int execute(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE IF NOT EXISTS attempts (n int)");
              s.execute("INSERT INTO attempts VALUES (" + attempts.incrementAndGet() + ")");
            }
            if (attempts.get() < 3) {
              throw new SQLException("could not serialize access", "40001");
            }
            return 1;
          }
        };
    try (SessionConnection session =
        new SessionConnection(db::getConnection, "retries", Duration.ofSeconds(5))) {
      TransactionRunner.Result result = new TransactionRunner(session, counters, 5).run(flaky);
      assertThat(result.committed()).isTrue();
    }
    assertThat(counters.snapshot().retries()).isEqualTo(2);
    assertThat(counters.snapshot().committedOf("flaky")).isEqualTo(1);
    // the failed attempts were rolled back entirely
    assertThat(queryLong(db, "SELECT count(*) FROM attempts")).isEqualTo(1);
    assertThat(queryLong(db, "SELECT max(n) FROM attempts")).isEqualTo(3);
  }
}
