package io.chronoshadow.prophet.learn;

import java.net.URI;

/**
 * Where model files live: an S3-compatible endpoint, bucket and key prefix. Path-style addressing,
 * because self-hosted stores (s3proxy, MinIO) rarely have per-bucket DNS names.
 */
public record ObjectStoreSettings(
    URI endpoint, String region, String accessKey, String secretKey, String bucket, String prefix) {

  public ObjectStoreSettings {
    if (endpoint == null || bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("model store needs an endpoint and a bucket");
    }
    prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
  }

  /** Hides the secret: these settings end up in log lines and error messages. */
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix + " at " + endpoint + " (region " + region + ")";
  }
}
