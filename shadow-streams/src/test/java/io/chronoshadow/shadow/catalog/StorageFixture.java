package io.chronoshadow.shadow.catalog;

import io.chronoshadow.devstack.postgres.EmbeddedPostgresServer;
import io.chronoshadow.devstack.s3.EmbeddedS3;
import java.nio.file.Path;

/** Real PostgreSQL (catalog) and s3proxy (files) on free ports, for one test class. */
public final class StorageFixture implements AutoCloseable {

  private final EmbeddedPostgresServer postgres;
  private final EmbeddedS3 s3;

  private StorageFixture(EmbeddedPostgresServer postgres, EmbeddedS3 s3) {
    this.postgres = postgres;
    this.s3 = s3;
  }

  public static StorageFixture start(Path dir) {
    EmbeddedPostgresServer postgres =
        EmbeddedPostgresServer.start(
            dir.resolve("postgres"), 0, "chrono", "chrono-secret", "source", "catalog");
    try {
      EmbeddedS3 s3 =
          EmbeddedS3.start(dir.resolve("s3"), 0, "chrono-access", "chrono-secret-key", "shadows");
      return new StorageFixture(postgres, s3);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  public CatalogSettings settings(String catalogName) {
    return settings(s3, catalogName);
  }

  public CatalogSettings settings(EmbeddedS3 store, String catalogName) {
    return new CatalogSettings(
        store.endpoint(),
        store.bucket(),
        store.accessKey(),
        store.secretKey(),
        store.region(),
        postgres.catalogJdbcUrl(),
        postgres.user(),
        postgres.password(),
        catalogName);
  }

  public ShadowCatalog open(String catalogName) {
    return ShadowCatalog.open(settings(catalogName));
  }

  public EmbeddedS3 s3() {
    return s3;
  }

  public EmbeddedPostgresServer postgres() {
    return postgres;
  }

  @Override
  public void close() {
    try {
      s3.close();
    } finally {
      postgres.close();
    }
  }
}
