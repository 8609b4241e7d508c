package io.chronoshadow.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvroNamesTest {

  @Test
  void validNamesAreKept() {
    assertThat(AvroNames.fullName("demo.shop.products.Value"))
        .isEqualTo("demo.shop.products.Value");
    assertThat(AvroNames.fullName("io.debezium.connector.postgresql.Source"))
        .isEqualTo("io.debezium.connector.postgresql.Source");
  }

  @Test
  void invalidCharactersBecomeUnderscoresPerSegment() {
    assertThat(AvroNames.fullName("my-server.public.order-items.Value"))
        .isEqualTo("my_server.public.order_items.Value");
    assertThat(AvroNames.fullName("db.2024.sales.Value")).isEqualTo("db._2024.sales.Value");
    assertThat(AvroNames.fullName("a..b.")).isEqualTo("a.b");
    assertThat(AvroNames.name("prix €")).isEqualTo("prix__");
    assertThat(AvroNames.name("")).isEqualTo("_");
  }

  @Test
  void sanitizingIsDeterministic() {
    assertThat(AvroNames.fullName("x-y.z")).isEqualTo(AvroNames.fullName("x-y.z"));
  }
}
