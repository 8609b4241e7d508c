package io.chronoshadow.devstack.kafka;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.DevStackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka 4 node in KRaft combined mode (broker + controller), in this JVM, on 127.0.0.1.
 *
 * <p>The log directory is formatted on first use only; a restart on the same directory resumes with
 * every topic and offset. Automatic topic creation is off: whoever writes a topic creates it
 * explicitly (see {@link KafkaTopics}), so a typo in a topic name fails loudly instead of creating
 * a stray topic with broker defaults.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private final KafkaRaftServer server;
  private final String clusterId;
  private boolean closed;

  private EmbeddedKafka(Path logDir, int port, int controllerPort) {
    this.logDir = logDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.clusterId = KafkaStorage.formatIfNeeded(logDir);
    KafkaConfig config = new KafkaConfig(brokerProperties(), false);
    try {
      this.server = new KafkaRaftServer(config, Time.SYSTEM);
    } catch (RuntimeException e) {
      throw new DevStackException(
          "Kafka cannot open its data directory "
              + logDir
              + ": "
              + e.getMessage()
              + " — delete it to start afresh or pass another --data-dir",
          e);
    }
  }

  /**
   * Starts a broker on {@code port} (0: a free one) with its state in {@code logDir}; returns once
   * it serves clients.
   */
  public static EmbeddedKafka start(Path logDir, int port) {
    return start(logDir, port, 0);
  }

  /** As {@link #start(Path, int)}, with an explicit controller port (0: a free one). */
  public static EmbeddedKafka start(Path logDir, int port, int controllerPort) {
    long t0 = System.nanoTime();
    EmbeddedKafka kafka =
        new EmbeddedKafka(
            logDir.toAbsolutePath().normalize(),
            DevStackPorts.resolve(port),
            DevStackPorts.resolve(controllerPort));
    try {
      kafka.server.startup();
      kafka.awaitReady();
    } catch (RuntimeException e) {
      kafka.close();
      throw e instanceof DevStackException
          ? e
          : new DevStackException(
              "Kafka did not start on port " + kafka.port + ": " + e.getMessage(), e);
    }
    LOG.info(
        "Kafka started on {} in {} ms (data {})",
        kafka.bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
        logDir);
    return kafka;
  }

  public String bootstrapServers() {
    return DevStackPorts.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** The KRaft controller's port (a restart on the same data must use it again). */
  public int controllerPort() {
    return controllerPort;
  }

  public String clusterId() {
    return clusterId;
  }

  public Path logDir() {
    return logDir;
  }

  /** Client properties pointing at this broker. */
  public Map<String, Object> clientProperties() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** Shuts the broker and controller down and waits until they have stopped. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long t0 = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka shutdown failed: {}", e.toString());
    }
    LOG.info("Kafka stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Map<String, Object> props =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    try (Admin admin = Admin.create(props)) {
      Exception last = null;
      while (System.nanoTime() < deadline) {
        try {
          if (!admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(5000))
              .nodes()
              .get(6, TimeUnit.SECONDS)
              .isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DevStackException("interrupted while waiting for Kafka", e);
        }
      }
      throw new DevStackException(
          "Kafka on port "
              + port
              + " did not become ready within "
              + READY_TIMEOUT.toSeconds()
              + " s"
              + (last == null ? "" : ": " + last.getMessage()));
    }
  }

  private Properties brokerProperties() {
    String host = DevStackPorts.HOST;
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(KafkaStorage.NODE_ID));
    p.put("controller.quorum.voters", KafkaStorage.NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + port
            + ","
            + KafkaStorage.CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", KafkaStorage.CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("metadata.log.dir", logDir.toString());
    // One node: every internal topic has one replica and one in-sync replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // Small machine: few threads, a small cleaner buffer.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("num.replica.fetchers", "1");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    return p;
  }
}
