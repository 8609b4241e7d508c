package io.chronoshadow.schemas.wire;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** The configuration keys shared by our serdes and converter, named as Confluent's are. */
public record RegistrySerdeConfig(String registryUrl, boolean autoRegisterSchemas) {
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  public static RegistrySerdeConfig from(Map<String, ?> configs) {
    return new RegistrySerdeConfig(registryUrl(configs), autoRegister(configs, true));
  }

  /** The registry URL; required. */
  public static String registryUrl(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, url, "a schema registry URL is required");
    }
    // Confluent allows a comma-separated list; we talk to the first one.
    return url.toString().split(",")[0].trim();
  }

  /** {@value #AUTO_REGISTER_SCHEMAS}, or {@code fallback} when not set. */
  public static boolean autoRegister(Map<String, ?> configs, boolean fallback) {
    return booleanOf(configs.get(AUTO_REGISTER_SCHEMAS), fallback);
  }

  private static boolean booleanOf(Object value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(AUTO_REGISTER_SCHEMAS, value, "expected true or false");
  }
}
