package io.chronoshadow.shadow.cut;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.PolicyCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON form of {@link PlannerState} for a state store or changelog. The policy inside uses the same
 * wire form as the policies topic, so a stored state stays readable by a person.
 */
public final class PlannerStateCodec {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .registerModule(
              new SimpleModule("bucket-policy")
                  .addSerializer(BucketPolicy.class, new PolicySerializer())
                  .addDeserializer(BucketPolicy.class, new PolicyDeserializer()));

  private PlannerStateCodec() {}

  public static byte[] encode(PlannerState state) {
    try {
      return MAPPER.writeValueAsBytes(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("planner state is plain data and always encodable", e);
    }
  }

  public static PlannerState decode(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, PlannerState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "not a planner state: "
              + e.getMessage()
              + " in "
              + new String(bytes, StandardCharsets.UTF_8),
          e);
    }
  }

  private static final class PolicySerializer extends JsonSerializer<BucketPolicy> {
    @Override
    public void serialize(BucketPolicy value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeTree(PolicyCodec.toTree(value));
    }
  }

  private static final class PolicyDeserializer extends JsonDeserializer<BucketPolicy> {
    @Override
    public BucketPolicy deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return PolicyCodec.policyFromTree(p.readValueAsTree());
    }
  }
}
