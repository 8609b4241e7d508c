package io.chronoshadow.shadow.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The Avro schemas of the shadow topology's output topics, loaded from the {@code schemas} module
 * (its {@code src/main/avro}, shipped under {@code avro/} in its jar).
 */
public final class OutputSchemas {

  public static final Schema SHADOW_COMMITTED = load("ShadowCommitted");
  public static final Schema SHADOW_TABLE_STATS = load("ShadowTableStats");

  private OutputSchemas() {}

  /**
   * Any schema of the {@code schemas} module by name (e.g. {@code "ShadowTableStats"}); the other
   * topologies load theirs through it too.
   */
  public static Schema load(String name) {
    String resource = "/avro/" + name + ".avsc";
    try (InputStream in = OutputSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing classpath resource " + resource + " (module schemas)");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
