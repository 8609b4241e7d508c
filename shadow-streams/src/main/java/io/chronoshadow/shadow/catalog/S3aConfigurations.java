package io.chronoshadow.shadow.catalog;

import org.apache.hadoop.conf.Configuration;

/** The Hadoop configuration of one catalog's S3A file system. */
final class S3aConfigurations {

  private S3aConfigurations() {}

  static Configuration forSettings(CatalogSettings settings) {
    // false: no core-site.xml/core-default.xml resources from the class path can change behaviour.
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    conf.set("fs.s3a.endpoint", settings.endpoint().toString());
    conf.set("fs.s3a.endpoint.region", settings.region());
    conf.setBoolean("fs.s3a.path.style.access", true);
    conf.setBoolean(
        "fs.s3a.connection.ssl.enabled", "https".equals(settings.endpoint().getScheme()));
    // Keys only: the default provider chain would probe environment, profile files and the EC2
    // metadata endpoint, which must never be reached.
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", settings.accessKey());
    conf.set("fs.s3a.secret.key", settings.secretKey());
    // Hadoop's FileSystem cache is keyed by scheme + bucket + user, not by endpoint: two catalogs
    // on different endpoints with the same bucket name would share one client. BucketFileIO owns
    // an uncached instance; disabling the cache also protects any code path that asks Hadoop for
    // "the" file system of a path with this configuration.
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    // Iceberg names every file uniquely and never overwrites, so skip S3A's existence probes
    // (HEAD + LIST per created file) — they dominate small commits.
    conf.setBoolean("fs.s3a.create.performance", true);
    // Shadows write many small files: buffer uploads in memory, not in temporary local files. An
    // open output stream holds one whole block (the multipart size, 64 MB by default) of direct
    // memory however small its file; the tables of a shadow are written concurrently, so blocks
    // are kept at 8 MB (files above that are uploaded in 8 MB parts).
    conf.set("fs.s3a.fast.upload.buffer", "bytebuffer");
    conf.set("fs.s3a.multipart.size", "8M");
    conf.setInt("fs.s3a.attempts.maximum", 3);
    conf.setInt("fs.s3a.retry.limit", 3);
    conf.set("fs.s3a.connection.timeout", "30s");
    return conf;
  }
}
