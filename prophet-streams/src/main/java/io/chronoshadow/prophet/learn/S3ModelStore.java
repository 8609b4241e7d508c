package io.chronoshadow.prophet.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Model versions in an S3-compatible object store, one immutable key prefix per version: {@code
 * <prefix>/<group>/<architecture>/v<version>/}. A version is written once and never changed, so a
 * reader that sees the registry record can always fetch exactly the files it describes.
 */
public final class S3ModelStore implements AutoCloseable {

  private final ObjectStoreSettings settings;
  private final S3Client client;

  public S3ModelStore(ObjectStoreSettings settings) {
    this.settings = settings;
    this.client =
        S3Client.builder()
            .endpointOverride(settings.endpoint())
            .region(Region.of(settings.region()))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
            .build();
  }

  /** The key prefix of one version, e.g. {@code models/shop/lstm/v3}. */
  public String location(String group, Architecture architecture, long version) {
    String base = group + "/" + architecture.label() + "/v" + version;
    return settings.prefix().isEmpty() ? base : settings.prefix() + "/" + base;
  }

  /** Uploads every file of {@code dir} under the version's prefix; returns the prefix. */
  public String put(String group, Architecture architecture, long version, Path dir)
      throws IOException {
    String location = location(group, architecture, version);
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(Files::isRegularFile).toList();
    }
    try {
      for (Path file : files) {
        client.putObject(
            b -> b.bucket(settings.bucket()).key(location + "/" + file.getFileName()),
            RequestBody.fromFile(file));
      }
    } catch (SdkException e) {
      throw new IOException("cannot store model files at " + location + ": " + e.getMessage(), e);
    }
    return location;
  }

  /** Downloads a version's files into {@code dir} (created if needed). */
  public void fetch(String location, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<S3Object> objects = new ArrayList<>();
    try {
      client
          .listObjectsV2Paginator(
              ListObjectsV2Request.builder()
                  .bucket(settings.bucket())
                  .prefix(location + "/")
                  .build())
          .contents()
          .forEach(objects::add);
      if (objects.isEmpty()) {
        throw new IOException("no model files at " + location + " in " + settings);
      }
      for (S3Object object : objects) {
        String name = object.key().substring(location.length() + 1);
        Path target = dir.resolve(name);
        Files.deleteIfExists(target);
        client.getObject(b -> b.bucket(settings.bucket()).key(object.key()), target);
      }
    } catch (SdkException | UncheckedIOException e) {
      throw new IOException("cannot fetch model files at " + location + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
