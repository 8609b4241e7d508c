package io.chronoshadow.console.shadows;

import io.chronoshadow.shadow.catalog.CatalogSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where the bytes of a group's files live: the object store's storage class of every object under
 * the tables' locations, from one listing. Tiers are storage classes (the path never changes):
 * {@code STANDARD} (and a missing class) is hot, every other class (GLACIER, STANDARD_IA, …) is
 * cold. Nothing moves files between tiers yet, so today everything written is hot; this reports
 * what the store says, not what it should say.
 */
public final class StorageTiers implements AutoCloseable {

  /** One object: its size and storage class. */
  public record StoredObject(long size, String storageClass) {
    public String tier() {
      return isHot(storageClass) ? "hot" : "cold";
    }
  }

  private final S3Client s3;
  private final String bucket;

  public StorageTiers(CatalogSettings settings) {
    this.bucket = settings.bucket();
    this.s3 =
        S3Client.builder()
            .endpointOverride(URI.create(settings.endpoint().toString()))
            .region(Region.of(settings.region()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
            .build();
  }

  static boolean isHot(String storageClass) {
    return storageClass == null
        || storageClass.isBlank()
        || storageClass.toUpperCase(Locale.ROOT).equals("STANDARD");
  }

  /** Every object under {@code location} (an {@code s3a://bucket/…} table location), by path. */
  public Map<String, StoredObject> objects(String location) {
    String prefix = keyOf(location);
    Map<String, StoredObject> objects = new TreeMap<>();
    String token = null;
    do {
      ListObjectsV2Response page =
          s3.listObjectsV2(
              ListObjectsV2Request.builder()
                  .bucket(bucket)
                  .prefix(prefix.endsWith("/") ? prefix : prefix + "/")
                  .continuationToken(token)
                  .build());
      for (S3Object o : page.contents()) {
        objects.put(
            "s3a://" + bucket + "/" + o.key(),
            new StoredObject(o.size(), o.storageClassAsString()));
      }
      token = page.isTruncated() ? page.nextContinuationToken() : null;
    } while (token != null);
    return objects;
  }

  /** The object key of an {@code s3a://bucket/key} location. */
  String keyOf(String location) {
    String scheme = location.startsWith("s3a://") ? "s3a://" : "s3://";
    String rest = location.substring(scheme.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? "" : rest.substring(slash + 1);
  }

  @Override
  public void close() {
    s3.close();
  }
}
