package io.chronoshadow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackConfigTest {

  @TempDir Path dir;

  @Test
  void defaultsAreValidOnFreePorts() {
    DevStackConfig config = DevStackConfig.builderWithFreePorts(dir).build();
    assertThat(config.problems()).isEmpty();
    assertThat(config.topicPrefix()).isEqualTo("demo");
    assertThat(config.bucket()).isEqualTo("chrono-warehouse");
    assertThat(config.captureSchemas()).containsExactly("shop");
    assertThat(config.kafkaDir()).isEqualTo(dir.toAbsolutePath().resolve("kafka"));
    assertThat(DevStackConfig.builder().build().dataDir())
        .isEqualTo(Path.of(".chrono").toAbsolutePath().normalize());
  }

  @Test
  void aPortInUseIsOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      DevStackConfig config = DevStackConfig.builderWithFreePorts(dir).kafkaPort(port).build();
      assertThat(config.problems())
          .containsExactly(
              "port " + port + " (kafka) is already in use — pass --kafka-port or free it");
      assertThatThrownBy(config::validate)
          .isInstanceOf(DevStackException.class)
          .hasMessage("port " + port + " (kafka) is already in use — pass --kafka-port or free it");
    }
  }

  @Test
  void everyProblemIsListedOnItsOwnLine() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    DevStackConfig config =
        DevStackConfig.builderWithFreePorts(file.resolve("data"))
            .s3Port(70000)
            .bucket("Bad_Bucket")
            .topicPrefix("no spaces")
            .build();
    assertThat(config.problems())
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("port 70000 (s3) is not a valid port"))
        .anySatisfy(p -> assertThat(p).startsWith("bucket name 'Bad_Bucket'"))
        .anySatisfy(p -> assertThat(p).startsWith("topic prefix 'no spaces'"))
        .anySatisfy(
            p -> assertThat(p).contains(file.resolve("data").toString(), "cannot be created"));
  }

  @Test
  void aDamagedKafkaDirectoryIsNamed() throws Exception {
    Path kafka = Files.createDirectories(dir.resolve("kafka"));
    Files.writeString(kafka.resolve("meta.properties"), "version=1\nnode.id=1\n");
    assertThat(DevStackConfig.builderWithFreePorts(dir).build().problems())
        .containsExactly(
            "Kafka data directory "
                + kafka.toAbsolutePath()
                + " is damaged: meta.properties has no cluster.id — delete "
                + kafka.toAbsolutePath()
                + " to start afresh (its topics are lost) or pass another --data-dir");
  }

  @Test
  void kafkaDataWithoutMetaPropertiesIsDamaged() throws Exception {
    Path kafka = Files.createDirectories(dir.resolve("kafka/__cluster_metadata-0"));
    assertThat(DevStackConfig.builderWithFreePorts(dir).build().problems())
        .singleElement()
        .asString()
        .contains("is damaged: it has data but no meta.properties", kafka.getParent().toString());
  }
}
