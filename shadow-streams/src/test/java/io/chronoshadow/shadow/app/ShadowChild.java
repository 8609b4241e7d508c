package io.chronoshadow.shadow.app;

import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.catalog.ShadowCatalog;
import io.chronoshadow.shadow.commit.CommitHook;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.ShadowCommitter;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@link ShadowStreamsApp} in a JVM of its own, for the crash test: {@code ShadowChild <properties
 * file> <phase delay ms>}. At every point of a shadow commit it prints a marker line on stdout, so
 * that the parent knows which phase a SIGKILL lands in:
 *
 * <pre>
 * @@shadow-child T &lt;shadow id&gt; &lt;table&gt;   the table's turn in the commit (checks, idempotency)
 * @@shadow-child W &lt;shadow id&gt; &lt;table&gt;   write phase: its Parquet data and delete files are written
 * @@shadow-child C &lt;shadow id&gt; &lt;table&gt;   commit phase: the catalog commit (snapshot + tag) follows
 * @@shadow-child D &lt;shadow id&gt; &lt;table&gt;   the table is committed; after the last table the Kafka
 *                                       transaction (outputs, stores, offsets) commits
 * </pre>
 *
 * After W and C it sleeps the phase delay (test-only), so that a kill aimed at a phase lands in it
 * rather than after it on a fast machine. Test sources only: production has no such hook.
 *
 * <p>Standby: before it starts the application the child warms its JVM — class loading and a first
 * commit of a throwaway shadow to a scratch catalog ({@value #WARMUP_CATALOG}), which touches no
 * table of the group — prints {@code READY} and waits for a line {@code GO} on stdin. The parent
 * warms the next child while the current one runs, so a restart costs what restarting a process on
 * a warm machine costs, not JVM start-up plus cold Hadoop/Iceberg code. The application itself is
 * created and started only after {@code GO}, i.e. after its predecessor is dead.
 */
public final class ShadowChild {

  static final String MARKER = "@@shadow-child ";
  static final String WARMUP_CATALOG = "crash-warmup";

  private static final SourceTableSchema WARMUP_SCHEMA =
      new SourceTableSchema(
          List.of(
              SourceColumn.required("id", ColumnType.of(ColumnType.Kind.LONG)),
              SourceColumn.optional("v", ColumnType.of(ColumnType.Kind.STRING))),
          List.of("id"));

  private ShadowChild() {}

  public static void main(String[] args) throws Exception {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      properties.load(in);
    }
    long delayMillis = Long.parseLong(args[1]);
    CommitHook markers =
        new CommitHook() {
          @Override
          public void beforeTable(String shadowId, String table) {
            mark("T", shadowId, table);
          }

          @Override
          public void beforeFiles(String shadowId, String table) {
            mark("W", shadowId, table);
            pause(delayMillis);
          }

          @Override
          public void beforeCommit(String shadowId, String table) {
            mark("C", shadowId, table);
            pause(delayMillis);
          }

          @Override
          public void afterTable(String shadowId, String table) {
            mark("D", shadowId, table);
          }
        };
    ShadowStreamsConfig config = ShadowStreamsConfig.fromProperties(properties);
    warmUp(config);
    mark("READY", "-", "-");
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"GO".equals(stdin.readLine())) {
      return;
    }
    ShadowStreamsApp app = ShadowStreamsApp.create(config, markers);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shadow-child-shutdown"));
    app.start();
    mark("STARTED", "-", "-");
    Thread.currentThread().join(); // until killed or terminated
  }

  /** A throwaway one-row shadow in a scratch catalog: loads and runs the commit path once. */
  private static void warmUp(ShadowStreamsConfig config) {
    CatalogSettings c = config.catalog();
    CatalogSettings scratch =
        new CatalogSettings(
            c.endpoint(),
            c.bucket(),
            c.accessKey(),
            c.secretKey(),
            c.region(),
            c.jdbcUrl(),
            c.jdbcUser(),
            c.jdbcPassword(),
            WARMUP_CATALOG);
    Instant cut = Instant.ofEpochMilli(System.currentTimeMillis());
    try (ShadowCatalog catalog = ShadowCatalog.open(scratch)) {
      new ShadowCommitter(catalog.catalog())
          .commit(
              new ShadowWrite(
                  ShadowIds.of("warmup", cut),
                  "warmup",
                  cut.toEpochMilli(),
                  cut,
                  Map.of(),
                  List.of(
                      new TableWrite(
                          "t",
                          WARMUP_SCHEMA,
                          List.of(RowChange.upsert(Map.of("id", 1L, "v", cut.toString())))))));
    }
  }

  private static void mark(String kind, String shadowId, String table) {
    System.out.println(MARKER + kind + " " + shadowId + " " + table);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
