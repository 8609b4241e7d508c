package io.chronoshadow.shadow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CatalogSettingsTest {

  private static CatalogSettings valid() {
    return new CatalogSettings(
        URI.create("http://127.0.0.1:9000"),
        "shadows",
        "ak",
        "sk",
        "us-east-1",
        "jdbc:postgresql://127.0.0.1:5432/catalog",
        "chrono",
        "pw",
        "chrono");
  }

  @Test
  void validSettingsGiveTheWarehouseAndHideSecrets() {
    CatalogSettings s = valid();
    assertThat(s.warehouseLocation()).isEqualTo("s3a://shadows/warehouse");
    assertThat(s.toString()).doesNotContain("sk,").doesNotContain("pw").contains("***");
  }

  @Test
  void everyProblemIsReportedWithItsField() {
    assertThatThrownBy(
            () ->
                new CatalogSettings(
                    URI.create("ftp://x/y"),
                    "Bad_Bucket",
                    "",
                    null,
                    "US East",
                    "jdbc:mysql://x",
                    " ",
                    null,
                    "a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint must be an http or https URL")
        .hasMessageContaining("bucket must be 3-63 characters")
        .hasMessageContaining("accessKey is required")
        .hasMessageContaining("secretKey is required")
        .hasMessageContaining("region must be lowercase")
        .hasMessageContaining("jdbcUrl must be a PostgreSQL JDBC URL")
        .hasMessageContaining("jdbcUser is required")
        .hasMessageContaining("jdbcPassword is required")
        .hasMessageContaining("catalogName must be");
  }

  @Test
  void endpointWithPathIsRejected() {
    assertThatThrownBy(
            () ->
                new CatalogSettings(
                    URI.create("http://127.0.0.1:9000/shadows"),
                    "shadows",
                    "a",
                    "s",
                    "us-east-1",
                    "jdbc:postgresql://h/db",
                    "u",
                    "",
                    "c"))
        .hasMessageContaining("endpoint must not have a path");
  }
}
