package io.chronoshadow.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (Confluent, Apicurio's {@code
 * /apis/ccompat/v7}, Karapace, Redpanda). Thread-safe. Ids and the schemas behind them never change
 * once assigned, so both directions are cached for the life of the client; "latest" and
 * compatibility answers are not cached.
 */
public final class SchemaRegistryClient implements SchemaRegistry {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private static final ObjectMapper JSON = new ObjectMapper();

  private record SubjectText(String subject, String schemaText, List<SchemaReference> references) {}

  private record SubjectSchema(String subject, Schema schema) {}

  private record SubjectVersion(String subject, int version) {}

  private final RegistryHttp http;
  private final Map<SubjectText, Integer> idsByText = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();

  public SchemaRegistryClient(String baseUrl) {
    this(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public SchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("Schema registry URL is required");
    }
    this.http = new RegistryHttp(JSON, baseUrl, connectTimeout, requestTimeout);
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  /** HTTP requests sent so far (retries included): lets callers and tests see cache effects. */
  public long httpRequests() {
    return http.requestsSent();
  }

  @Override
  public int register(String subject, String schemaText, List<SchemaReference> references) {
    return idFor("/subjects/" + encode(subject) + "/versions", subject, schemaText, references);
  }

  @Override
  public int register(String subject, Schema schema) {
    return idFor(subject, schema, text -> register(subject, text, List.of()));
  }

  @Override
  public int lookupId(String subject, Schema schema) {
    return idFor(subject, schema, text -> lookupId(subject, text, List.of()));
  }

  @Override
  public int lookupId(String subject, String schemaText, List<SchemaReference> references) {
    return idFor("/subjects/" + encode(subject), subject, schemaText, references);
  }

  /**
   * The id the registry gives a subject's schema text, from the cache or by POSTing it to {@code
   * path} (registering under {@code /versions}, looking up otherwise: both answer with the id).
   */
  private int idFor(
      String path, String subject, String schemaText, List<SchemaReference> references) {
    SubjectText key = new SubjectText(subject, schemaText, List.copyOf(references));
    Integer cached = idsByText.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.post(path, schemaBody(schemaText, references), subject);
    int id = requiredInt(answer, "id", subject);
    idsByText.put(key, id);
    return id;
  }

  /** The parsed-schema cache in front of {@code byText}, which fills the text cache. */
  private int idFor(String subject, Schema schema, ToIntFunction<String> byText) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySchema.get(key);
    if (cached != null) {
      return cached;
    }
    int id = byText.applyAsInt(schema.toString());
    idsBySchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.get("/schemas/ids/" + id, null);
    String text = requiredText(answer, "schema", null);
    Schema schema = parse(text, references(answer), "schema id " + id);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return fetchVersion(subject, "latest");
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    SubjectVersion key = new SubjectVersion(subject, version);
    RegisteredSchema cached = versions.get(key);
    if (cached != null) {
      return cached;
    }
    RegisteredSchema fetched = fetchVersion(subject, Integer.toString(version));
    versions.put(key, fetched);
    return fetched;
  }

  @Override
  public List<String> subjects() {
    JsonNode answer = http.get("/subjects", null);
    List<String> names = new ArrayList<>();
    answer.forEach(node -> names.add(node.asText()));
    return names;
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    http.put("/config/" + encode(subject), body, subject);
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    JsonNode answer = http.get("/config/" + encode(subject) + "?defaultToGlobal=true", subject);
    // Confluent answers {"compatibilityLevel": ...}; some versions echo the PUT body's key instead.
    JsonNode level =
        answer.hasNonNull("compatibilityLevel")
            ? answer.get("compatibilityLevel")
            : answer.get("compatibility");
    if (level == null || level.isNull()) {
      throw malformed("compatibility level", answer, subject);
    }
    return CompatibilityLevel.parse(level.asText());
  }

  @Override
  public boolean isCompatible(String subject, String schemaText, List<SchemaReference> references) {
    try {
      JsonNode answer =
          http.post(
              "/compatibility/subjects/" + encode(subject) + "/versions/latest",
              schemaBody(schemaText, references),
              subject);
      JsonNode verdict = answer.get("is_compatible");
      if (verdict == null || !verdict.isBoolean()) {
        throw malformed("is_compatible", answer, subject);
      }
      return verdict.asBoolean();
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()
          && (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
              || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND)) {
        return true;
      }
      throw e;
    }
  }

  private RegisteredSchema fetchVersion(String subject, String version) {
    JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/" + version, subject);
    return new RegisteredSchema(
        answer.hasNonNull("subject") ? answer.get("subject").asText() : subject,
        requiredInt(answer, "version", subject),
        requiredInt(answer, "id", subject),
        requiredText(answer, "schema", subject),
        references(answer));
  }

  /**
   * Parses a schema whose references are defined by other subjects: the referenced types are parsed
   * first (depth first, each version once) into the same parser, so their names resolve.
   */
  private Schema parse(String text, List<SchemaReference> references, String what) {
    Schema.Parser parser = new Schema.Parser();
    Set<SubjectVersion> defined = new HashSet<>();
    try {
      for (SchemaReference reference : references) {
        define(parser, reference, defined);
      }
      return parser.parse(text);
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException(
          "Schema registry returned an Avro schema that does not parse (" + what + "): " + e,
          200,
          SchemaRegistryException.NO_ERROR_CODE,
          null,
          null,
          e);
    }
  }

  private void define(Schema.Parser parser, SchemaReference reference, Set<SubjectVersion> done) {
    SubjectVersion key = new SubjectVersion(reference.subject(), reference.version());
    if (!done.add(key)) {
      return;
    }
    RegisteredSchema referenced = version(reference.subject(), reference.version());
    for (SchemaReference nested : referenced.references()) {
      define(parser, nested, done);
    }
    parser.parse(referenced.schemaText());
  }

  private static ObjectNode schemaBody(String schemaText, List<SchemaReference> references) {
    // schemaType is omitted: AVRO is the API's default and older registries reject the field.
    ObjectNode body = JSON.createObjectNode().put("schema", schemaText);
    if (!references.isEmpty()) {
      ArrayNode refs = body.putArray("references");
      for (SchemaReference reference : references) {
        refs.addObject()
            .put("name", reference.name())
            .put("subject", reference.subject())
            .put("version", reference.version());
      }
    }
    return body;
  }

  private static List<SchemaReference> references(JsonNode answer) {
    JsonNode refs = answer.get("references");
    if (refs == null || !refs.isArray()) {
      return List.of();
    }
    List<SchemaReference> list = new ArrayList<>();
    for (JsonNode ref : refs) {
      list.add(
          new SchemaReference(
              ref.path("name").asText(),
              ref.path("subject").asText(),
              ref.path("version").asInt()));
    }
    return list;
  }

  private static int requiredInt(JsonNode answer, String field, String subject) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(field, answer, subject);
    }
    return value.asInt();
  }

  private static String requiredText(JsonNode answer, String field, String subject) {
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed(field, answer, subject);
    }
    return value.asText();
  }

  private static SchemaRegistryException malformed(String field, JsonNode answer, String subject) {
    return new SchemaRegistryException(
        "Schema registry answer lacks '" + field + "': " + answer,
        200,
        SchemaRegistryException.NO_ERROR_CODE,
        null,
        subject);
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
