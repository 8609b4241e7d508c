package io.chronoshadow.shadow.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.schemas.contract.Durations;
import io.chronoshadow.schemas.contract.GroupNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JSON wire form of policies, shared by config, the compacted {@code chrono.policies} topic and
 * the REST API:
 *
 * <pre>
 * {"group":"shop","type":"fixed","interval":"PT1H"}
 * {"group":"shop","type":"adaptive","min":"PT1M","max":"PT1H","targetChanges":5000,"smoothing":0.3}
 * </pre>
 *
 * Durations are written as ISO-8601 and read as ISO-8601 or shorthand ({@link Durations}). {@code
 * smoothing} is optional (default {@value AdaptiveBucketPolicy#DEFAULT_SMOOTHING}); every other
 * field is required. Unknown fields are rejected: a misspelt optional field would otherwise
 * silently fall back to its default. Decoding reports every problem at once, each naming its field.
 */
public final class PolicyCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> FIXED_FIELDS = Set.of("group", "type", "interval");
  private static final Set<String> ADAPTIVE_FIELDS =
      Set.of("group", "type", "min", "max", "targetChanges", "smoothing");
  private static final String DURATION_HINT =
      "must be an ISO-8601 duration (PT1H) or shorthand (1h, 15m, 30s, 500ms, 1d)";

  private PolicyCodec() {}

  public static String toJson(GroupPolicy groupPolicy) {
    try {
      return MAPPER.writeValueAsString(toTree(groupPolicy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree of plain values", e);
    }
  }

  public static ObjectNode toTree(GroupPolicy groupPolicy) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("group", groupPolicy.group());
    node.setAll(toTree(groupPolicy.policy()));
    return node;
  }

  /** The policy's fields without a group (for places where the group is implied). */
  public static ObjectNode toTree(BucketPolicy policy) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", policy.type());
    if (policy instanceof FixedBucketPolicy f) {
      node.put("interval", f.interval().toString());
    } else if (policy instanceof AdaptiveBucketPolicy a) {
      node.put("min", a.min().toString());
      node.put("max", a.max().toString());
      node.put("targetChanges", a.targetChanges());
      node.put("smoothing", a.smoothing());
    }
    return node;
  }

  /** Decodes a group policy; throws {@link InvalidPolicyException} listing every problem. */
  public static GroupPolicy fromJson(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(
          List.of(new PolicyViolation("policy", "is not valid JSON: " + e.getOriginalMessage())));
    }
    return fromTree(node);
  }

  public static GroupPolicy fromTree(JsonNode node) {
    List<PolicyViolation> problems = new ArrayList<>();
    String group = null;
    if (node != null && node.isObject()) {
      JsonNode g = node.get("group");
      if (g == null || g.isNull()) {
        problems.add(new PolicyViolation("group", "is missing"));
      } else if (!g.isTextual()) {
        problems.add(new PolicyViolation("group", "must be a string (was " + g + ")"));
      } else {
        group = g.asText();
        GroupNames.problem(group).ifPresent(p -> problems.add(new PolicyViolation("group", p)));
      }
    }
    BucketPolicy policy = decode(node, true, problems);
    InvalidPolicyException.throwIfAny(problems);
    return new GroupPolicy(group, policy);
  }

  /** Decodes a policy without a group field (e.g. the value of a per-group config entry). */
  public static BucketPolicy policyFromTree(JsonNode node) {
    List<PolicyViolation> problems = new ArrayList<>();
    BucketPolicy policy = decode(node, false, problems);
    InvalidPolicyException.throwIfAny(problems);
    return policy;
  }

  private static BucketPolicy decode(
      JsonNode node, boolean groupAllowed, List<PolicyViolation> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new PolicyViolation("policy", "must be a JSON object (was " + node + ")"));
      return null;
    }
    JsonNode t = node.get("type");
    if (t == null || t.isNull()) {
      problems.add(new PolicyViolation("type", "is missing (expected \"fixed\" or \"adaptive\")"));
      return null;
    }
    String type = t.asText();
    if (!t.isTextual()
        || !(type.equals(FixedBucketPolicy.TYPE) || type.equals(AdaptiveBucketPolicy.TYPE))) {
      problems.add(
          new PolicyViolation("type", "must be \"fixed\" or \"adaptive\" (was " + t + ")"));
      return null;
    }
    boolean fixed = type.equals(FixedBucketPolicy.TYPE);
    rejectUnknownFields(node, type, fixed ? FIXED_FIELDS : ADAPTIVE_FIELDS, groupAllowed, problems);
    int before = problems.size();
    return fixed ? decodeFixed(node, problems, before) : decodeAdaptive(node, problems, before);
  }

  private static BucketPolicy decodeFixed(
      JsonNode node, List<PolicyViolation> problems, int before) {
    Duration interval = duration(node, "interval", "fixed.interval", problems);
    return build(
        FixedBucketPolicy.violations(interval),
        problems,
        before,
        () -> new FixedBucketPolicy(interval));
  }

  private static BucketPolicy decodeAdaptive(
      JsonNode node, List<PolicyViolation> problems, int before) {
    Duration min = duration(node, "min", "adaptive.min", problems);
    Duration max = duration(node, "max", "adaptive.max", problems);
    long target = 1;
    JsonNode tc = node.get("targetChanges");
    if (tc == null || tc.isNull()) {
      problems.add(new PolicyViolation("adaptive.targetChanges", "is missing"));
    } else if (!tc.isIntegralNumber() || !tc.canConvertToLong()) {
      problems.add(
          new PolicyViolation("adaptive.targetChanges", "must be an integer (was " + tc + ")"));
    } else {
      target = tc.asLong();
    }
    double smoothing = AdaptiveBucketPolicy.DEFAULT_SMOOTHING;
    JsonNode s = node.get("smoothing");
    if (s != null && !s.isNull()) {
      if (!s.isNumber()) {
        problems.add(new PolicyViolation("adaptive.smoothing", "must be a number (was " + s + ")"));
      } else {
        smoothing = s.asDouble();
      }
    }
    long finalTarget = target;
    double finalSmoothing = smoothing;
    return build(
        AdaptiveBucketPolicy.violations(min, max, target, smoothing),
        problems,
        before,
        () -> new AdaptiveBucketPolicy(min, max, finalTarget, finalSmoothing));
  }

  /**
   * Merges rule violations into the decoding problems, skipping fields that already failed to
   * decode (their rule violation would only restate the decoding error), and builds the policy if
   * nothing is wrong.
   */
  private static BucketPolicy build(
      List<PolicyViolation> ruleViolations,
      List<PolicyViolation> problems,
      int before,
      Supplier<BucketPolicy> constructor) {
    Set<String> failed =
        Set.copyOf(
            problems.subList(before, problems.size()).stream()
                .map(PolicyViolation::field)
                .toList());
    for (PolicyViolation v : ruleViolations) {
      if (!failed.contains(v.field())) {
        problems.add(v);
      }
    }
    return problems.isEmpty() ? constructor.get() : null;
  }

  private static Duration duration(
      JsonNode node, String name, String field, List<PolicyViolation> problems) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null; // reported as "is missing" by the policy's rules
    }
    if (!v.isTextual()) {
      problems.add(new PolicyViolation(field, DURATION_HINT + " (was " + v + ")"));
      return null;
    }
    return Durations.parse(v.asText())
        .orElseGet(
            () -> {
              problems.add(new PolicyViolation(field, DURATION_HINT + " (was " + v + ")"));
              return null;
            });
  }

  private static void rejectUnknownFields(
      JsonNode node,
      String type,
      Set<String> known,
      boolean groupAllowed,
      List<PolicyViolation> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      boolean allowed = known.contains(name) && (groupAllowed || !name.equals("group"));
      if (!allowed) {
        problems.add(
            new PolicyViolation(type + "." + name, "is not a field of a " + type + " policy"));
      }
    }
  }
}
