package io.chronoshadow.shadow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.devstack.s3.EmbeddedS3;
import io.chronoshadow.shadow.commit.RowChange;
import io.chronoshadow.shadow.commit.ShadowCommitter;
import io.chronoshadow.shadow.commit.ShadowWrite;
import io.chronoshadow.shadow.commit.TableWrite;
import io.chronoshadow.shadow.cut.ShadowIds;
import io.chronoshadow.shadow.table.ColumnType;
import io.chronoshadow.shadow.table.SourceColumn;
import io.chronoshadow.shadow.table.SourceTableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two catalogs on two S3 endpoints with the same bucket name, in one JVM, each write their files to
 * their own endpoint — Hadoop's FileSystem cache (keyed by bucket, not endpoint) must not join
 * them.
 */
class TwoEndpointsTest {

  private static final Logger LOG = LoggerFactory.getLogger(TwoEndpointsTest.class);

  @TempDir static Path dir;
  private static StorageFixture storage;
  private static EmbeddedS3 otherS3;

  @BeforeAll
  static void start() {
    storage = StorageFixture.start(dir);
    otherS3 =
        EmbeddedS3.start(
            dir.resolve("s3-other"), 0, "other-access", "other-secret-key", storage.s3().bucket());
  }

  @AfterAll
  static void stop() {
    if (otherS3 != null) {
      otherS3.close();
    }
    if (storage != null) {
      storage.close();
    }
  }

  @Test
  void catalogsOnDifferentEndpointsKeepTheirFilesApart() {
    try (ShadowCatalog first = ShadowCatalog.open(storage.settings("first"));
        ShadowCatalog second = ShadowCatalog.open(storage.settings(otherS3, "second"))) {
      new ShadowCommitter(first.catalog()).commit(write("alpha"));
      new ShadowCommitter(second.catalog()).commit(write("beta"));
    }
    Path firstWarehouse =
        storage.s3().baseDir().resolve(storage.s3().bucket()).resolve("warehouse");
    Path secondWarehouse = otherS3.baseDir().resolve(otherS3.bucket()).resolve("warehouse");
    assertThat(filesUnder(firstWarehouse))
        .anyMatch(p -> p.contains("/alpha/"))
        .noneMatch(p -> p.contains("/beta/"));
    assertThat(filesUnder(secondWarehouse))
        .anyMatch(p -> p.contains("/beta/"))
        .noneMatch(p -> p.contains("/alpha/"));
  }

  /**
   * Documents the hazard and measures the alternatives: the cached lookup returns the first
   * endpoint's instance for the second endpoint; a new instance per catalog costs one S3A client.
   */
  @Test
  void hadoopsCacheIgnoresTheEndpointSoEachCatalogOwnsAnInstance() throws IOException {
    Configuration a = S3aConfigurations.forSettings(storage.settings("a"));
    Configuration b = S3aConfigurations.forSettings(storage.settings(otherS3, "b"));
    a.setBoolean("fs.s3a.impl.disable.cache", false);
    b.setBoolean("fs.s3a.impl.disable.cache", false);
    URI bucket = URI.create("s3a://" + storage.s3().bucket() + "/");
    FileSystem cachedA = FileSystem.get(bucket, a);
    FileSystem cachedB = FileSystem.get(bucket, b);
    assertThat(cachedB).isSameAs(cachedA);
    cachedA.close();

    int instances = 10;
    long t0 = System.nanoTime();
    for (int i = 0; i < instances; i++) {
      FileSystem.newInstance(bucket, a).close();
    }
    long perInstanceMicros = (System.nanoTime() - t0) / 1_000 / instances;
    LOG.info(
        "S3A file system: new instance + close {} µs each (what disable.cache alone would cost"
            + " per file opened, plus leaked client threads); BucketFileIO pays it once per catalog",
        perInstanceMicros);
  }

  private static ShadowWrite write(String group) {
    Instant cut = Instant.parse("2026-03-01T00:00:00Z");
    SourceTableSchema schema =
        new SourceTableSchema(
            List.of(
                SourceColumn.required("id", ColumnType.of(ColumnType.Kind.LONG)),
                SourceColumn.optional("name", ColumnType.of(ColumnType.Kind.STRING))),
            List.of("id"));
    return new ShadowWrite(
        ShadowIds.of(group, cut),
        group,
        1,
        cut,
        Map.of(),
        List.of(
            new TableWrite(
                "things", schema, List.of(RowChange.upsert(Map.of("id", 1L, "name", group))))));
  }

  private static List<String> filesUnder(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
