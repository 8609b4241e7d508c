package io.chronoshadow.devstack.kafka;

import io.chronoshadow.devstack.DevStackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's log directory: formatted once (KRaft needs {@code meta.properties} and a bootstrap
 * checkpoint before the first start), then reused as is, so a restart resumes with every topic. The
 * cluster id lives only in the directory's {@code meta.properties}.
 */
public final class KafkaStorage {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String META_PROPERTIES = "meta.properties";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);

  private KafkaStorage() {}

  /** True when the directory already holds a formatted KRaft log directory. */
  public static boolean isFormatted(Path dir) {
    return Files.isRegularFile(dir.resolve(META_PROPERTIES));
  }

  /**
   * Problems with existing state in the directory, one line each; empty when the directory is
   * absent, empty, or a log directory this broker (node {@value #NODE_ID}) can start on.
   */
  public static List<String> problems(Path dir) {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return problems;
    }
    String advice =
        " — delete " + dir + " to start afresh (its topics are lost) or pass another --data-dir";
    Path meta = dir.resolve(META_PROPERTIES);
    if (!Files.exists(meta)) {
      if (!isEmpty(dir)) {
        problems.add(
            "Kafka data directory "
                + dir
                + " is damaged: it has data but no meta.properties"
                + advice);
      }
      return problems;
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      props.load(in);
    } catch (IOException e) {
      problems.add(
          "Kafka data directory "
              + dir
              + " is damaged: cannot read meta.properties ("
              + e.getMessage()
              + ")"
              + advice);
      return problems;
    }
    if (!String.valueOf(NODE_ID).equals(props.getProperty("node.id"))) {
      problems.add(
          "Kafka data directory "
              + dir
              + " belongs to another broker: meta.properties has node.id="
              + props.getProperty("node.id")
              + ", expected "
              + NODE_ID
              + advice);
    }
    String clusterId = props.getProperty("cluster.id");
    if (clusterId == null || clusterId.isBlank()) {
      problems.add(
          "Kafka data directory "
              + dir
              + " is damaged: meta.properties has no cluster.id"
              + advice);
    }
    if (!"1".equals(props.getProperty("version"))) {
      problems.add(
          "Kafka data directory "
              + dir
              + " is not a KRaft log directory: meta.properties has version="
              + props.getProperty("version")
              + advice);
    }
    return problems;
  }

  /** The cluster id recorded in the directory. */
  public static String clusterId(Path dir) {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(META_PROPERTIES))) {
      props.load(in);
    } catch (IOException e) {
      throw new DevStackException(
          "cannot read " + dir.resolve(META_PROPERTIES) + ": " + e.getMessage(), e);
    }
    return props.getProperty("cluster.id");
  }

  /**
   * Formats the directory for a single combined broker+controller node with a static quorum, unless
   * it is formatted already. Returns the cluster id.
   */
  public static String formatIfNeeded(Path dir) {
    List<String> problems = problems(dir);
    if (!problems.isEmpty()) {
      throw new DevStackException(problems);
    }
    if (isFormatted(dir)) {
      return clusterId(dir);
    }
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      Files.createDirectories(dir);
      new Formatter()
          .setPrintStream(print)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .addDirectory(dir.toString())
          .setMetadataLogDirectory(dir.toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    } catch (Exception e) {
      throw new DevStackException(
          "cannot format Kafka data directory " + dir + ": " + e.getMessage(), e);
    }
    LOG.debug("formatted {}: {}", dir, out.toString(StandardCharsets.UTF_8).trim());
    LOG.info("Kafka storage formatted in {} (cluster id {})", dir, clusterId);
    return clusterId;
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
