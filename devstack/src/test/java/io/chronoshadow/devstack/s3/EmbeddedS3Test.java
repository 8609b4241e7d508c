package io.chronoshadow.devstack.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoshadow.devstack.DevStackPorts;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Uses the AWS SDK v2 S3 client that s3proxy itself depends on (so it signs with SigV4 exactly as
 * Hadoop S3A's SDK v2 will).
 */
class EmbeddedS3Test {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static EmbeddedS3 s3;

  @BeforeAll
  static void start() {
    s3 = EmbeddedS3.start(dir.resolve("s3"), 0, "ak", "sk-secret", "chrono-warehouse");
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  static S3Client client() {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }

  @Test
  void bucketExistsAndObjectsRoundTripWithTheirStorageClass() {
    assertThat(s3.bucketExists("chrono-warehouse")).isTrue();
    assertThat(EmbeddedS3.supportsUserXattrs(dir)).isTrue();
    try (S3Client client = client()) {
      assertThat(client.listBuckets().buckets()).anyMatch(b -> b.name().equals("chrono-warehouse"));
      client.putObject(
          b -> b.bucket("chrono-warehouse").key("hot/a.txt"), RequestBody.fromString("hot bytes"));
      client.putObject(
          b ->
              b.bucket("chrono-warehouse").key("cold/b.txt").storageClass(StorageClass.STANDARD_IA),
          RequestBody.fromString("cold bytes"));

      assertThat(
              client
                  .getObjectAsBytes(b -> b.bucket("chrono-warehouse").key("cold/b.txt"))
                  .asUtf8String())
          .isEqualTo("cold bytes");
      HeadObjectResponse head =
          client.headObject(b -> b.bucket("chrono-warehouse").key("cold/b.txt"));
      assertThat(head.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
      assertThat(
              client.listObjectsV2(b -> b.bucket("chrono-warehouse")).contents().stream()
                  .filter(o -> o.key().equals("cold/b.txt"))
                  .map(S3Object::storageClassAsString))
          .containsExactly("STANDARD_IA");
    }
  }

  @Test
  void restartKeepsObjectsAndCloseFreesThePort() {
    try (S3Client client = client()) {
      client.putObject(
          b -> b.bucket("chrono-warehouse").key("kept.txt").storageClass(StorageClass.GLACIER_IR),
          RequestBody.fromString("kept"));
    }
    int port = s3.port();
    s3.close();
    assertThat(DevStackPorts.isFree(port)).isTrue();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();

    s3 = EmbeddedS3.start(dir.resolve("s3"), 0, "ak", "sk-secret", "chrono-warehouse");
    try (S3Client client = client()) {
      assertThat(
              client
                  .getObjectAsBytes(b -> b.bucket("chrono-warehouse").key("kept.txt"))
                  .asUtf8String())
          .isEqualTo("kept");
      assertThat(
              client.headObject(b -> b.bucket("chrono-warehouse").key("kept.txt")).storageClass())
          .isEqualTo(StorageClass.GLACIER_IR);
    }
  }

  /**
   * S3A writes big files as multipart uploads; exercise that path (and the storage class on it).
   */
  @Test
  void multipartUploadsWork() {
    byte[] part = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(part, (byte) 'x');
    try (S3Client client = client()) {
      String uploadId =
          client
              .createMultipartUpload(
                  b ->
                      b.bucket("chrono-warehouse")
                          .key("big.bin")
                          .storageClass(StorageClass.STANDARD_IA))
              .uploadId();
      java.util.List<software.amazon.awssdk.services.s3.model.CompletedPart> parts =
          new java.util.ArrayList<>();
      for (int n = 1; n <= 2; n++) {
        int partNumber = n;
        String etag =
            client
                .uploadPart(
                    b ->
                        b.bucket("chrono-warehouse")
                            .key("big.bin")
                            .uploadId(uploadId)
                            .partNumber(partNumber),
                    RequestBody.fromBytes(part))
                .eTag();
        parts.add(
            software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(etag)
                .build());
      }
      client.completeMultipartUpload(
          b ->
              b.bucket("chrono-warehouse")
                  .key("big.bin")
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
      HeadObjectResponse head = client.headObject(b -> b.bucket("chrono-warehouse").key("big.bin"));
      assertThat(head.contentLength()).isEqualTo(2L * part.length);
      // s3proxy 4.1.0 (filesystem) drops the storage class given when a multipart upload starts.
      assertThat(head.storageClass()).isEqualTo(StorageClass.STANDARD);

      // On S3, tiering changes a storage class by copying an object onto itself. s3proxy refuses a
      // self-copy without REPLACE (S3 accepts a storage class change alone) and, with REPLACE,
      // ignores x-amz-storage-class on copies: the object stays STANDARD.
      client.copyObject(
          b ->
              b.sourceBucket("chrono-warehouse")
                  .sourceKey("big.bin")
                  .destinationBucket("chrono-warehouse")
                  .destinationKey("big.bin")
                  .storageClass(StorageClass.GLACIER_IR)
                  .metadataDirective(MetadataDirective.REPLACE));
      assertThat(client.headObject(b -> b.bucket("chrono-warehouse").key("big.bin")).storageClass())
          .isEqualTo(StorageClass.STANDARD);

      // What does work on s3proxy (and on S3): writing the bytes again with a single PUT.
      byte[] bytes =
          client.getObjectAsBytes(b -> b.bucket("chrono-warehouse").key("big.bin")).asByteArray();
      client.putObject(
          b -> b.bucket("chrono-warehouse").key("big.bin").storageClass(StorageClass.GLACIER_IR),
          RequestBody.fromBytes(bytes));
      HeadObjectResponse moved =
          client.headObject(b -> b.bucket("chrono-warehouse").key("big.bin"));
      assertThat(moved.contentLength()).isEqualTo(2L * part.length);
      assertThat(moved.storageClass()).isEqualTo(StorageClass.GLACIER_IR);
    }
  }

  @Test
  void wrongKeysAreRefused() {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("ak", "wrong")))
            .build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(client::listBuckets)
          .hasMessageContaining("403");
    }
  }
}
