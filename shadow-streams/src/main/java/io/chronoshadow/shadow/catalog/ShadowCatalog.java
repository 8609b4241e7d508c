package io.chronoshadow.shadow.catalog;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Iceberg {@link JdbcCatalog} on PostgreSQL whose files live on S3 through Hadoop S3A, with its
 * own S3A client (see {@link BucketFileIO}). Closing it closes the JDBC pool and the S3A client.
 */
public final class ShadowCatalog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowCatalog.class);

  private final CatalogSettings settings;
  private final JdbcCatalog catalog;

  private ShadowCatalog(CatalogSettings settings, JdbcCatalog catalog) {
    this.settings = settings;
    this.catalog = catalog;
  }

  public static ShadowCatalog open(CatalogSettings settings) {
    long t0 = System.nanoTime();
    Configuration conf = S3aConfigurations.forSettings(settings);
    JdbcCatalog catalog =
        new JdbcCatalog(
            properties -> BucketFileIO.open(settings.bucket(), conf),
            properties -> new JdbcClientPool(settings.jdbcUrl(), properties),
            true);
    catalog.setConf(conf);
    catalog.initialize(
        settings.catalogName(),
        Map.of(
            CatalogProperties.URI,
            settings.jdbcUrl(),
            CatalogProperties.WAREHOUSE_LOCATION,
            settings.warehouseLocation(),
            "jdbc.user",
            settings.jdbcUser(),
            "jdbc.password",
            settings.jdbcPassword(),
            // V1 adds the iceberg_type column (views); table rows stay readable by V0 readers.
            "jdbc.schema-version",
            "V1"));
    LOG.info(
        "catalog {} opened on {} with warehouse {} at {} in {} ms",
        settings.catalogName(),
        settings.jdbcUrl(),
        settings.warehouseLocation(),
        settings.endpoint(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return new ShadowCatalog(settings, catalog);
  }

  public Catalog catalog() {
    return catalog;
  }

  public SupportsNamespaces namespaces() {
    return catalog;
  }

  public CatalogSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    catalog.close();
    LOG.info("catalog {} closed", settings.catalogName());
  }
}
