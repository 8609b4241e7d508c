package io.chronoshadow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Our output schemas only evolve BACKWARD, as their subjects are registered: each schema under
 * {@code src/main/avro} must read every record the released version of it wrote (reader = new,
 * writer = released, under {@code src/test/resources/released-schemas}). The registry would refuse
 * an incompatible one at the first start after a release; this refuses it at build time instead.
 */
class OutputSchemaEvolutionTest {

  static final Path CURRENT = Path.of("src/main/avro");
  static final Path RELEASED = Path.of("src/test/resources/released-schemas");

  static List<Path> current() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(Files.readString(file));
  }

  @Test
  void everyOutputSchemaReadsWhatItsReleasedVersionWrote() throws IOException {
    List<Path> schemas = current();
    assertThat(schemas).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : schemas) {
      Path released = RELEASED.resolve(file.getFileName());
      assertThat(released)
          .as(
              "%s has no released version in %s: copy it there when it is first released",
              file.getFileName(), RELEASED)
          .exists();
      SchemaCompatibility.SchemaPairCompatibility verdict =
          SchemaCompatibility.checkReaderWriterCompatibility(parse(file), parse(released));
      assertThat(verdict.getType())
          .as(
              "%s is not BACKWARD compatible with its released version: %s",
              file.getFileName(), verdict.getResult().getIncompatibilities())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  /** The check above would catch the usual mistakes: a new field without a default, a retype. */
  @Test
  void theCheckRefusesAnIncompatibleEvolution() throws IOException {
    Schema released = parse(RELEASED.resolve("ShadowCommitted.avsc"));
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record(released.getName()).namespace(released.getNamespace()).fields();
    for (Schema.Field f : released.getFields()) {
      fields = fields.name(f.name()).type(f.schema()).noDefault();
    }
    Schema withRequiredField = fields.requiredString("addedWithoutDefault").endRecord();
    assertThat(
            SchemaCompatibility.checkReaderWriterCompatibility(withRequiredField, released)
                .getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    Schema withDefault =
        SchemaBuilder.record(released.getName())
            .namespace(released.getNamespace())
            .fields()
            .optionalString("onlyNewField")
            .endRecord();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withDefault, released).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
