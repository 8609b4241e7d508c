package io.chronoshadow.shadow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ShadowStreamsConfigTest {

  private static Properties valid() {
    Properties p = new Properties();
    p.setProperty("chrono.shadow.bootstrap-servers", "127.0.0.1:9092");
    p.setProperty("chrono.shadow.registry-url", "http://127.0.0.1:8081/apis/ccompat/v7");
    p.setProperty("chrono.shadow.group", "shop");
    p.setProperty("chrono.shadow.topic-prefix", "demo");
    p.setProperty("chrono.shadow.policy", "{\"type\":\"fixed\",\"interval\":\"1m\"}");
    p.setProperty("chrono.shadow.state-dir", "/tmp/chrono-shadow");
    p.setProperty("chrono.shadow.catalog.endpoint", "http://127.0.0.1:9000");
    p.setProperty("chrono.shadow.catalog.bucket", "chrono-warehouse");
    p.setProperty("chrono.shadow.catalog.access-key", "chrono");
    p.setProperty("chrono.shadow.catalog.secret-key", "chrono-secret");
    p.setProperty("chrono.shadow.catalog.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/catalog");
    p.setProperty("chrono.shadow.catalog.jdbc-user", "chrono");
    p.setProperty("chrono.shadow.catalog.jdbc-password", "chrono");
    return p;
  }

  @Test
  void readsPropertiesWithDefaults() {
    Properties p = valid();
    p.setProperty("kafka.commit.interval.ms", "500");
    ShadowStreamsConfig config = ShadowStreamsConfig.fromProperties(p);
    assertThat(config.group()).isEqualTo("shop");
    assertThat(config.applicationId()).isEqualTo("chrono-shadow-shop");
    assertThat(config.policy()).isEqualTo(FixedBucketPolicy.of(Duration.ofMinutes(1)));
    assertThat(config.stateDir()).isEqualTo(Path.of("/tmp/chrono-shadow"));
    assertThat(config.heartbeatTable()).isEqualTo("chrono.heartbeat");
    assertThat(config.defaultSchema()).isEqualTo("public");
    assertThat(config.topics().transactionTopic()).isEqualTo("demo.transaction");
    assertThat(config.topics().dlqTopic()).isEqualTo("chrono.dlq");
    assertThat(config.topics().changeTopicPattern().matcher("demo.shop.orders").matches()).isTrue();
    assertThat(config.topics().changeTopicPattern().matcher("demo.transaction").matches())
        .isFalse();
    assertThat(config.catalog().region()).isEqualTo("us-east-1");
    assertThat(config.toString()).doesNotContain("chrono-secret");
    Properties streams = ShadowStreamsApp.streamsProperties(config);
    assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(streams.get("commit.interval.ms")).isEqualTo("500");
  }

  @Test
  void theStandaloneExampleInTheReadmeIsAValidConfig() throws Exception {
    Properties p = new Properties();
    try (var in = getClass().getResourceAsStream("/shadow-streams.example.properties")) {
      p.load(in);
    }
    ShadowStreamsConfig config = ShadowStreamsConfig.fromProperties(p);
    assertThat(config.group()).isEqualTo("shop");
    assertThat(config.defaultSchema()).isEqualTo("shop");
    assertThat(config.topics().transactionTopic()).isEqualTo("erp.transaction");
    assertThat(config.catalog().warehouseLocation()).isEqualTo("s3a://acme-shadows/warehouse");
    assertThat(config.streamsOverrides()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(ShadowStreamsApp.streamsProperties(config))
        .containsEntry("commit.interval.ms", "500")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "chrono-shadow-shop");
  }

  @Test
  void reportsEveryProblemAtOnceNamingItsKey() {
    Properties p = valid();
    p.remove("chrono.shadow.bootstrap-servers");
    p.setProperty("chrono.shadow.group", "Shop!");
    p.setProperty("chrono.shadow.policy", "{\"type\":\"fixed\",\"interval\":\"7m\"}");
    p.setProperty("chrono.shadow.heartbeat-watermark-delay", "1s");
    p.setProperty("chrono.shadow.heartbeat-table", "heartbeat");
    p.setProperty("chrono.shadow.catalog.bucket", "B");
    p.setProperty("chrono.shadow.default-schema", "no-dashes");
    assertThatThrownBy(() -> ShadowStreamsConfig.fromProperties(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid shadow-streams config: ")
        .hasMessageContaining("chrono.shadow.bootstrap-servers is required")
        .hasMessageContaining("chrono.shadow.group")
        .hasMessageContaining("chrono.shadow.policy")
        .hasMessageContaining("fixed.interval")
        .hasMessageContaining("chrono.shadow.heartbeat-watermark-delay is no longer supported")
        .hasMessageContaining(
            "chrono.shadow.heartbeat-table must be a source table as schema.table")
        .hasMessageContaining("chrono.shadow.catalog.*")
        .hasMessageContaining("chrono.shadow.default-schema")
        .hasMessageContaining("bucket");
  }
}
