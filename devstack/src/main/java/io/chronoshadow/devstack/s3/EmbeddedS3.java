package io.chronoshadow.devstack.s3;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible endpoint (s3proxy) on 127.0.0.1 whose objects live as files under one directory
 * (the {@code filesystem} backend), with fixed access and secret keys (AWS signature v2 or v4). The
 * warehouse bucket is created when absent.
 *
 * <p>Object metadata, including the storage class given by {@code x-amz-storage-class} on PUT, is
 * kept in the files' user extended attributes; on a filesystem without them s3proxy silently
 * reports STANDARD for everything, so start-up warns when the directory cannot hold them.
 */
public final class EmbeddedS3 implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

  private final S3Proxy proxy;
  private final BlobStore store;
  private final Path baseDir;
  private final String accessKey;
  private final String secretKey;
  private final String bucket;
  // Read once while running: Jetty no longer knows the port it was given 0 for once stopped, and a
  // restart must bind the same one.
  private final int port;
  private boolean closed;

  private EmbeddedS3(
      S3Proxy proxy,
      BlobStore store,
      Path baseDir,
      String accessKey,
      String secretKey,
      String bucket) {
    this.proxy = proxy;
    this.store = store;
    this.baseDir = baseDir;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.bucket = bucket;
    this.port = proxy.getPort();
  }

  /**
   * Starts the endpoint on {@code port} (0: a free one), objects under {@code baseDir} (one
   * subdirectory per bucket), and makes sure {@code bucket} exists.
   */
  public static EmbeddedS3 start(
      Path baseDir, int port, String accessKey, String secretKey, String bucket) {
    long t0 = System.nanoTime();
    Path dir = baseDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DevStackException(
          "cannot create S3 data directory " + dir + ": " + e.getMessage(), e);
    }
    if (!supportsUserXattrs(dir)) {
      LOG.warn(
          "{} does not support user extended attributes: S3 object metadata and storage classes"
              + " will not be kept",
          dir);
    }
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    BlobStore store = BlobStores.create("filesystem", props);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://" + DevStackPorts.HOST + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
            .jettyMaxThreads(32)
            .build();
    try {
      proxy.start();
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new DevStackException(
          "S3 endpoint did not start on port "
              + port
              + ": "
              + e.getMessage()
              + (port != 0 ? " — pass --s3-port or free it" : ""),
          e);
    }
    EmbeddedS3 s3 = new EmbeddedS3(proxy, store, dir, accessKey, secretKey, bucket);
    try {
      s3.createBucketIfAbsent(bucket);
    } catch (RuntimeException e) {
      s3.close();
      throw new DevStackException(
          "cannot create bucket " + bucket + " in " + dir + ": " + e.getMessage(), e);
    }
    LOG.info(
        "S3 endpoint started on {} in {} ms (bucket {}, data {})",
        s3.endpoint(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        bucket,
        dir);
    return s3;
  }

  /** Base URL for path-style S3 clients, e.g. {@code http://127.0.0.1:9000}. */
  public URI endpoint() {
    return URI.create("http://" + DevStackPorts.HOST + ":" + port());
  }

  public int port() {
    return port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The warehouse bucket. */
  public String bucket() {
    return bucket;
  }

  /** The region clients should sign for (s3proxy accepts any; this one is conventional). */
  public String region() {
    return "us-east-1";
  }

  public Path baseDir() {
    return baseDir;
  }

  public boolean bucketExists(String name) {
    return store.containerExists(name);
  }

  /** Creates a bucket unless it exists. */
  public void createBucketIfAbsent(String name) {
    if (!store.containerExists(name)) {
      store.createContainer(name);
      LOG.info("created bucket {}", name);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopQuietly(proxy);
    try {
      store.close();
    } catch (Exception e) {
      LOG.debug("closing blob store: {}", e.toString());
    }
    LOG.info("S3 endpoint stopped");
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("S3 endpoint shutdown failed: {}", e.toString());
    }
  }

  static boolean supportsUserXattrs(Path dir) {
    Path probe = null;
    try {
      probe = Files.createTempFile(dir, ".xattr-probe", ".tmp");
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
      if (view == null) {
        return false;
      }
      view.write("chrono.probe", ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
      return view.list().contains("chrono.probe");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
