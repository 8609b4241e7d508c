package io.chronoshadow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chronoshadow.devstack.capture.TopicReader;
import io.chronoshadow.devstack.postgres.EmbeddedPostgresServer;
import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.Op;
import io.chronoshadow.schemas.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop the whole stack, write while it is down, start it again on the same directory: every row
 * written in any phase arrives, and nothing arrives that was not written.
 *
 * <p>Capture is at-least-once (Debezium's contract): a stop that lands between a batch reaching
 * Kafka and its offsets being committed publishes that batch again after the restart. Such a repeat
 * must be an identical copy of an earlier event (same LSN, key and row), which is what the shadow
 * topology's duplicate detection relies on; anything else would be a real defect.
 *
 * <p>Records are Avro (the default): the records written before the restart must still decode
 * through the restarted registry, i.e. their schema ids must survive the restart.
 */
class DevStackRestartTest {

  static final int ROWS_PER_PHASE = 40;
  static final List<String> TABLES = List.of("a", "b");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static final Consumer<DataSource> SCHEMA =
      source -> {
        try (Connection c = source.getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA IF NOT EXISTS shop");
          for (String t : TABLES) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS shop."
                    + t
                    + " (id int PRIMARY KEY, phase int NOT NULL)");
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      };

  @Test
  void restartOnTheSameDataDirectoryLosesNothingAndRepeatsOnlyExactCopies() throws Exception {
    DevStackConfig config =
        DevStackConfig.builderWithFreePorts(dir).heartbeatInterval(Duration.ofMillis(300)).build();

    DevStack stack = DevStack.start(config, SCHEMA);
    try {
      // Phase 1: written and captured while running.
      insert(stack.postgres().sourceDataSource(), 1);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  TABLES.stream()
                      .allMatch(
                          t -> stack.capture().publishedCount("demo.shop." + t) >= ROWS_PER_PHASE));
      // Phase 2: committed right before the stop; capture may be anywhere in it when it stops.
      insert(stack.postgres().sourceDataSource(), 2);
    } finally {
      stack.close();
    }

    // Phase 3: written while the stack is down (only PostgreSQL runs).
    try (EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            config.postgresDir(),
            0,
            config.postgresUser(),
            config.postgresPassword(),
            config.sourceDatabase(),
            config.catalogDatabase())) {
      insert(pg.sourceDataSource(), 3);
    }

    DevStack restarted = DevStack.start(config, SCHEMA);
    try {
      // Phase 4: written after the restart.
      insert(restarted.postgres().sourceDataSource(), 4);
      int expected = 4 * ROWS_PER_PHASE;
      ChangeEventDecoder decoder =
          new ChangeEventDecoder(new SchemaRegistryClient(restarted.registryUrl()));
      for (String table : TABLES) {
        String topic = "demo.shop." + table;
        TopicReader.readUntil(
            restarted.bootstrapServers(), topic, Duration.ofSeconds(90), r -> r.size() >= expected);
      }
      // Let capture pass the last commit (a heartbeat after it), then take everything there is.
      long beats = restarted.capture().publishedCount("__debezium-heartbeat.demo");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> restarted.capture().publishedCount("__debezium-heartbeat.demo") >= beats + 2);
      for (String table : TABLES) {
        List<ChangeEvent> events =
            TopicReader.readToEnd(restarted.bootstrapServers(), "demo.shop." + table).stream()
                .map(decoder::decode)
                .map(ChangeEvent.class::cast)
                .toList();
        assertThat(events).extracting(ChangeEvent::op).containsOnly(Op.CREATE);
        Map<String, List<ChangeEvent>> byLsnAndKey =
            events.stream().collect(Collectors.groupingBy(e -> e.lsn() + "/" + e.key().get("id")));
        assertThat(byLsnAndKey).as("distinct (lsn, key) of %s", table).hasSize(expected);
        byLsnAndKey.forEach(
            (position, copies) ->
                assertThat(copies)
                    .as("repeats of %s in %s", position, table)
                    .extracting(ChangeEvent::after, ChangeEvent::txId)
                    .containsOnly(Tuple.tuple(copies.get(0).after(), copies.get(0).txId())));
        assertThat(events.size() - expected)
            .as("repeated events of %s (only a stop between publish and offset commit)", table)
            .isLessThanOrEqualTo(ROWS_PER_PHASE);
        assertThat(
                events.stream().map(e -> (Integer) e.key().get("id")).collect(Collectors.toSet()))
            .isEqualTo(IntStream.rangeClosed(1, expected).boxed().collect(Collectors.toSet()));
      }
    } finally {
      restarted.close();
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  /** Rows of one phase: ids (phase-1)*N+1 .. phase*N in every table, 10 rows per transaction. */
  static void insert(DataSource source, int phase) throws SQLException {
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      int first = (phase - 1) * ROWS_PER_PHASE + 1;
      for (int id = first; id < first + ROWS_PER_PHASE; id++) {
        for (String t : TABLES) {
          try (PreparedStatement ps =
              c.prepareStatement("INSERT INTO shop." + t + " (id, phase) VALUES (?, ?)")) {
            ps.setInt(1, id);
            ps.setInt(2, phase);
            ps.executeUpdate();
          }
        }
        if ((id - first) % 10 == 9) {
          c.commit();
        }
      }
      c.commit();
    }
  }
}
