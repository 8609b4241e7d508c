package io.chronoshadow.shadow.commit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;

/** The snapshot summary properties that identify the shadow a snapshot stores. */
public final class ShadowSummary {

  public static final String SHADOW_ID = "chrono.shadow-id";
  public static final String GROUP = "chrono.group";
  public static final String SEQUENCE = "chrono.sequence";

  /** ISO-8601 instant, e.g. {@code 2026-01-01T01:00:00Z}. */
  public static final String CUT_TIME = "chrono.cut-time";

  /** JSON object of source offsets, keys sorted. */
  public static final String OFFSETS = "chrono.offsets";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ShadowSummary() {}

  static Map<String, String> of(ShadowWrite write) {
    return Map.of(
        SHADOW_ID, write.shadowId(),
        GROUP, write.group(),
        SEQUENCE, Long.toString(write.sequence()),
        CUT_TIME, write.cutTime().toString(),
        OFFSETS, offsetsJson(write.sourceOffsets()));
  }

  static String offsetsJson(Map<String, String> offsets) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(offsets));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode offsets", e);
    }
  }

  public static Map<String, String> offsets(Snapshot snapshot) {
    String json = snapshot.summary().get(OFFSETS);
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("snapshot " + snapshot.snapshotId() + ": bad offsets", e);
    }
  }

  public static Optional<String> shadowId(Snapshot snapshot) {
    return Optional.ofNullable(snapshot.summary()).map(s -> s.get(SHADOW_ID));
  }

  public static Optional<Long> sequence(Snapshot snapshot) {
    return Optional.ofNullable(snapshot.summary()).map(s -> s.get(SEQUENCE)).map(Long::parseLong);
  }

  public static Optional<Instant> cutTime(Snapshot snapshot) {
    return Optional.ofNullable(snapshot.summary()).map(s -> s.get(CUT_TIME)).map(Instant::parse);
  }
}
