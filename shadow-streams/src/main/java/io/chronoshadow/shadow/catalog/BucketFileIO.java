package io.chronoshadow.shadow.catalog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FutureDataInputStreamBuilder;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.DelegatingInputStream;
import org.apache.iceberg.io.DelegatingOutputStream;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;

/**
 * Iceberg file access through one S3A file system instance that belongs to one catalog.
 *
 * <p>Why not Iceberg's {@code HadoopFileIO}: it asks Hadoop's global {@code FileSystem} cache for
 * every file, and that cache is keyed by scheme, bucket and user, not by endpoint, so two catalogs
 * on different endpoints with the same bucket name would share one client. Disabling the cache
 * instead makes Hadoop build (and never close) a new S3A client per file. This class opens one
 * uncached instance and closes it with the catalog.
 *
 * <p>Its files are deliberately not Iceberg's {@code HadoopInputFile}/{@code HadoopOutputFile}:
 * Iceberg's Parquet integration would re-resolve those paths through the global cache. Its streams
 * hand Parquet the raw Hadoop streams (via the delegating stream interfaces) and have no finalizer:
 * Iceberg's own Hadoop stream wrappers close the underlying stream when they are garbage collected,
 * which happens mid-write once Parquet has unwrapped them.
 */
final class BucketFileIO implements FileIO {

  // Parquet footers are found from the end: a known length saves a HEAD request per file.
  private static final String OPENFILE_LENGTH = "fs.option.openfile.length";

  private final transient FileSystem fs;
  private final String bucketRoot;

  private BucketFileIO(FileSystem fs, String bucketRoot) {
    this.fs = fs;
    this.bucketRoot = bucketRoot;
  }

  static BucketFileIO open(String bucket, Configuration conf) {
    String root = "s3a://" + bucket + "/";
    try {
      return new BucketFileIO(FileSystem.newInstance(URI.create(root), conf), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open S3A file system for " + root, e);
    }
  }

  @Override
  public InputFile newInputFile(String location) {
    return new BucketInputFile(checked(location), -1);
  }

  @Override
  public InputFile newInputFile(String location, long length) {
    return new BucketInputFile(checked(location), length);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return new BucketOutputFile(checked(location));
  }

  @Override
  public void deleteFile(String location) {
    try {
      fs.delete(new Path(checked(location)), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  /**
   * Manifests are immutable and every read of a shadow plans over the manifests of all shadows
   * before it: Iceberg keeps their contents in memory (per FileIO, bounded, expiring) when its
   * FileIO says so.
   */
  @Override
  public Map<String, String> properties() {
    return Map.of(CatalogProperties.IO_MANIFEST_CACHE_ENABLED, "true");
  }

  @Override
  public void close() {
    try {
      fs.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close S3A file system " + bucketRoot, e);
    }
  }

  private String checked(String location) {
    if (!location.startsWith(bucketRoot)) {
      throw new IllegalArgumentException(
          "location " + location + " is outside this catalog's bucket " + bucketRoot);
    }
    return location;
  }

  private final class BucketInputFile implements InputFile {
    private final String location;
    private long length;

    BucketInputFile(String location, long length) {
      this.location = location;
      this.length = length;
    }

    @Override
    public long getLength() {
      if (length < 0) {
        try {
          length = fs.getFileStatus(new Path(location)).getLen();
        } catch (FileNotFoundException e) {
          throw new NotFoundException(e, "file does not exist: %s", location);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot stat " + location, e);
        }
      }
      return length;
    }

    @Override
    public SeekableInputStream newStream() {
      try {
        FutureDataInputStreamBuilder builder = fs.openFile(new Path(location));
        if (length >= 0) {
          builder.opt(OPENFILE_LENGTH, Long.toString(length));
        }
        return new InputStreamAdapter(FutureIO.awaitFuture(builder.build()));
      } catch (FileNotFoundException e) {
        throw new NotFoundException(e, "file does not exist: %s", location);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open " + location, e);
      }
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public boolean exists() {
      try {
        return fs.exists(new Path(location));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stat " + location, e);
      }
    }
  }

  private final class BucketOutputFile implements OutputFile {
    private final String location;

    BucketOutputFile(String location) {
      this.location = location;
    }

    @Override
    public PositionOutputStream create() {
      try {
        return new OutputStreamAdapter(fs.create(new Path(location), false));
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        throw new AlreadyExistsException(e, "file already exists: %s", location);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + location, e);
      }
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      try {
        return new OutputStreamAdapter(fs.create(new Path(location), true));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + location, e);
      }
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public InputFile toInputFile() {
      return new BucketInputFile(location, -1);
    }
  }

  private static final class InputStreamAdapter extends SeekableInputStream
      implements DelegatingInputStream {
    private final FSDataInputStream in;

    InputStreamAdapter(FSDataInputStream in) {
      this.in = in;
    }

    @Override
    public java.io.InputStream getDelegate() {
      return in;
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public void seek(long newPos) throws IOException {
      in.seek(newPos);
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static final class OutputStreamAdapter extends PositionOutputStream
      implements DelegatingOutputStream {
    private final FSDataOutputStream out;

    OutputStreamAdapter(FSDataOutputStream out) {
      this.out = out;
    }

    @Override
    public java.io.OutputStream getDelegate() {
      return out;
    }

    @Override
    public long getPos() {
      return out.getPos();
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
