package io.chronoshadow.prophet.output;

import io.chronoshadow.shadow.output.OutputSchemas;
import org.apache.avro.Schema;

/**
 * The Avro schemas of the prophet topology's outputs, {@code Forecast} and {@code Anomaly}, from
 * the {@code schemas} module (its {@code src/main/avro}); the serializer registers them under the
 * topics' TopicNameStrategy subjects ({@code <topic>-value}).
 */
public final class ProphetSchemas {

  public static final Schema FORECAST = OutputSchemas.load("Forecast");
  public static final Schema ANOMALY = OutputSchemas.load("Anomaly");

  private ProphetSchemas() {}
}
