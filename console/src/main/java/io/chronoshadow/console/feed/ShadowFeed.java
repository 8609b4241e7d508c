package io.chronoshadow.console.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronoshadow.console.http.Json;
import io.chronoshadow.console.kafka.TopicTail;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.wire.RegistryAvroDeserializer;
import io.chronoshadow.shadow.topology.ShadowTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What the shadow topologies announced, read from their output topics from the beginning: the
 * committed shadows ({@code chrono.shadows}), per-table figures ({@code chrono.shadow-stats}), dead
 * letters and the manual cut requests. Health, the shadow pages and the Prometheus meters are built
 * from it, so a console in its own process sees what one inside the demo sees.
 */
public final class ShadowFeed implements AutoCloseable {

  private static final int LAST_ERRORS = 20;
  private static final int LATENCY_WINDOW = 200;

  private final ShadowTopics topics;
  private final RegistryAvroDeserializer avro;
  private final MeterRegistry meters;
  private final TopicTail tail;

  private final Map<String, ShadowAnnouncement> shadows = new ConcurrentHashMap<>();
  private final Map<String, ShadowAnnouncement> latestByGroup = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> commitMillis = new ConcurrentHashMap<>();
  private final Map<String, ShadowRequest> requests = new ConcurrentHashMap<>();
  private final Map<String, Long> deadLettersByReason = new TreeMap<>();
  private final Deque<DeadLetter> lastErrors = new ArrayDeque<>();
  private final Map<String, DeadLetter> stoppedTopics = new TreeMap<>();
  private final Map<String, AtomicReference<Double>> changeRates = new ConcurrentHashMap<>();
  private final Map<String, Instant> previousCut = new ConcurrentHashMap<>();

  public ShadowFeed(
      String bootstrapServers,
      ShadowTopics topics,
      RegistryAvroDeserializer avro,
      MeterRegistry meters) {
    this.topics = topics;
    this.avro = avro;
    this.meters = meters;
    this.tail =
        new TopicTail(
            "shadow-feed",
            bootstrapServers,
            List.of(
                topics.shadowsTopic(),
                topics.statsTopic(),
                topics.dlqTopic(),
                topics.requestsTopic()),
            this::onRecord);
  }

  public ShadowFeed start() {
    tail.start();
    return this;
  }

  public TopicTail tail() {
    return tail;
  }

  private void onRecord(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    String topic = record.topic();
    if (topic.equals(topics.shadowsTopic())) {
      onShadow(avro.deserialize(topic, record.value()));
    } else if (topic.equals(topics.statsTopic())) {
      onStats(avro.deserialize(topic, record.value()));
    } else if (topic.equals(topics.dlqTopic())) {
      onDeadLetter(record);
    } else {
      onRequest(record);
    }
  }

  private void onShadow(GenericRecord r) {
    ShadowAnnouncement a =
        new ShadowAnnouncement(
            r.get("shadowId").toString(),
            r.get("group").toString(),
            (Long) r.get("sequence"),
            Instant.ofEpochMilli((Long) r.get("cutTime")),
            r.get("trigger").toString(),
            (Long) r.get("transactionCount"),
            (Long) r.get("changeCount"),
            strings(r.get("tables")),
            strings(r.get("requestIds")),
            (Long) r.get("commitMillis"),
            r.hasField("lateTransactions") ? (Long) r.get("lateTransactions") : 0L);
    if (shadows.putIfAbsent(a.shadowId(), a) != null) {
      return; // announced again after a restart: already counted
    }
    latestByGroup.merge(a.group(), a, (old, now) -> now.sequence() >= old.sequence() ? now : old);
    Deque<Long> window = commitMillis.computeIfAbsent(a.group(), g -> new ArrayDeque<>());
    synchronized (window) {
      window.addLast(a.commitMillis());
      if (window.size() > LATENCY_WINDOW) {
        window.removeFirst();
      }
    }
    Counter.builder("chrono.shadows.committed")
        .description("Shadows committed (as announced on the shadows topic)")
        .tag("group", a.group())
        .register(meters)
        .increment();
    // Registered with the first shadow, so that a healthy group shows 0.
    Counter.builder("chrono.shadow.late.transactions")
        .description(
            "Transactions that arrived after the shadow their commit time belongs to was cut"
                + " (that shadow lacks each of them; the group's health is degraded)")
        .tag("group", a.group())
        .register(meters)
        .increment(a.lateTransactions());
    Timer.builder("chrono.shadow.commit.latency")
        .description("Time to commit one shadow to Iceberg, all tables")
        .tag("group", a.group())
        .publishPercentileHistogram()
        .register(meters)
        .record(Duration.ofMillis(a.commitMillis()));
  }

  private void onStats(GenericRecord r) {
    String group = r.get("group").toString();
    String table = r.get("table").toString();
    long changes = (Long) r.get("inserts") + (Long) r.get("updates") + (Long) r.get("deletes");
    Instant cut = Instant.ofEpochMilli((Long) r.get("cutTime"));
    String key = group + "\u0000" + table;
    Counter.builder("chrono.table.changes")
        .description("Row changes (inserts, updates, deletes) shadowed per table")
        .tags("group", group, "table", table)
        .register(meters)
        .increment(changes);
    DistributionSummary.builder("chrono.table.changes.per.shadow")
        .tags("group", group, "table", table)
        .register(meters)
        .record(changes);
    Instant before = previousCut.put(key, cut);
    if (before != null && cut.isAfter(before)) {
      double perSecond = changes / (Duration.between(before, cut).toMillis() / 1000.0);
      changeRates
          .computeIfAbsent(
              key,
              k -> {
                AtomicReference<Double> rate = new AtomicReference<>(0.0);
                Gauge.builder("chrono.table.changes.per.second", rate, AtomicReference::get)
                    .description("Changes per second of the table over its latest shadow interval")
                    .tags("group", group, "table", table)
                    .register(meters);
                return rate;
              })
          .set(perSecond);
    }
  }

  private void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
    DeadLetter letter =
        new DeadLetter(
            header(record, DecodeException.HEADER_REASON),
            header(record, DecodeException.HEADER_DETAIL),
            header(record, DecodeException.HEADER_TOPIC),
            header(record, DecodeException.HEADER_PARTITION),
            header(record, DecodeException.HEADER_OFFSET),
            Instant.ofEpochMilli(record.timestamp()));
    String reason = letter.reason() == null ? "UNKNOWN" : letter.reason();
    synchronized (lastErrors) {
      deadLettersByReason.merge(reason, 1L, Long::sum);
      lastErrors.addLast(letter);
      if (lastErrors.size() > LAST_ERRORS) {
        lastErrors.removeFirst();
      }
      if ("INCOMPATIBLE_SCHEMA".equals(reason) && letter.topic() != null) {
        stoppedTopics.putIfAbsent(letter.topic(), letter);
      }
    }
    Counter.builder("chrono.dead.letters")
        .description("Records sent to the dead-letter topic, by reason")
        .tag("reason", reason)
        .register(meters)
        .increment();
  }

  private void onRequest(ConsumerRecord<byte[], byte[]> record) {
    JsonNode node;
    Instant at;
    try {
      node = Json.MAPPER.readTree(record.value());
      if (node == null || !node.hasNonNull("group") || !node.hasNonNull("requestId")) {
        return; // not a request: the topology dead-letters it
      }
      at =
          node.hasNonNull("requestedAt")
              ? Instant.parse(node.get("requestedAt").asText())
              : Instant.ofEpochMilli(record.timestamp());
    } catch (IOException | DateTimeParseException e) {
      return; // the topology dead-letters it
    }
    ShadowRequest request =
        new ShadowRequest(node.get("group").asText(), node.get("requestId").asText(), at);
    requests.put(request.requestId(), request);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      l.forEach(v -> out.add(v.toString()));
    }
    return out;
  }

  // ---- views ------------------------------------------------------------------------------------

  public Optional<ShadowAnnouncement> shadow(String shadowId) {
    return Optional.ofNullable(shadows.get(shadowId));
  }

  public Optional<ShadowAnnouncement> latest(String group) {
    return Optional.ofNullable(latestByGroup.get(group));
  }

  /** The group's most recent commit durations, oldest first. */
  public List<Long> commitMillis(String group) {
    Deque<Long> window = commitMillis.get(group);
    if (window == null) {
      return List.of();
    }
    synchronized (window) {
      return List.copyOf(window);
    }
  }

  /** A request this console just logged, known before the tail reads it back. */
  public void requested(ShadowRequest request) {
    requests.putIfAbsent(request.requestId(), request);
  }

  public Optional<ShadowRequest> request(String requestId) {
    return Optional.ofNullable(requests.get(requestId));
  }

  /** The announced shadow whose request ids include {@code requestId}. */
  public Optional<ShadowAnnouncement> shadowForRequest(String requestId) {
    return shadows.values().stream().filter(s -> s.requestIds().contains(requestId)).findFirst();
  }

  /** Announced shadows of the group, by sequence. */
  public List<ShadowAnnouncement> shadows(String group) {
    return shadows.values().stream()
        .filter(s -> s.group().equals(group))
        .sorted((a, b) -> Long.compare(a.sequence(), b.sequence()))
        .toList();
  }

  public Map<String, Long> deadLettersByReason() {
    synchronized (lastErrors) {
      return Map.copyOf(deadLettersByReason);
    }
  }

  public List<DeadLetter> lastErrors() {
    synchronized (lastErrors) {
      return List.copyOf(lastErrors);
    }
  }

  /** Change topics whose table was stopped by an incompatible schema change, with the reason. */
  public Map<String, DeadLetter> stoppedTopics() {
    synchronized (lastErrors) {
      return Map.copyOf(stoppedTopics);
    }
  }

  @Override
  public void close() {
    tail.close();
  }
}
