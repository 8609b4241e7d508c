package io.chronoshadow.prophet.topology;

import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.engine.LearnedHook;
import io.chronoshadow.prophet.engine.ProphetEngine;
import io.chronoshadow.prophet.engine.SeriesStep;
import io.chronoshadow.prophet.engine.StatsOutcome;
import io.chronoshadow.prophet.features.InvalidStatsException;
import io.chronoshadow.prophet.features.StatsFeatures;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.output.ProphetRecords;
import io.chronoshadow.schemas.deadletter.DeadLetterLog;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each shadow-stats record, feeds it to the {@link ProphetEngine} and forwards what the
 * completed steps say: a forecast per step of every warm series, and the verdict when it is an
 * alarm (or always, when configured). Records that cannot be used go to the dead-letter topic.
 */
final class ProphetProcessor implements Processor<byte[], byte[], Object, Object> {

  static final String FORECASTS_SINK = "forecasts-sink";
  static final String ANOMALIES_SINK = "anomalies-sink";
  static final String DLQ_SINK = "dlq-sink";

  private static final Logger LOG = LoggerFactory.getLogger(ProphetProcessor.class);
  // A window's summary line is due even when no further dead letter comes to end it.
  private static final Duration DEAD_LETTER_FLUSH = Duration.ofSeconds(5);

  private final DeadLetterLog deadLetterLog = new DeadLetterLog(Duration.ofSeconds(30), LOG::warn);

  private final AnalysisSettings settings;
  private final Deserializer<GenericRecord> avro;
  private final StatsFeatures features;
  private final ProphetMetrics metrics;
  private final LearnedHook learned;
  private ProcessorContext<Object, Object> context;
  private ProphetEngine engine;

  ProphetProcessor(
      AnalysisSettings settings,
      Deserializer<GenericRecord> avro,
      ProphetMetrics metrics,
      LearnedHook learned) {
    this.settings = settings;
    this.learned = learned;
    this.avro = avro;
    this.features = new StatsFeatures(settings.columnMetrics(), settings.columnExclude());
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    context.schedule(
        DEAD_LETTER_FLUSH,
        PunctuationType.WALL_CLOCK_TIME,
        now -> deadLetterLog.flush(System.nanoTime()));
    // Called again after the task's state was restored (a restart, or a rollback under
    // exactly-once): the engine is always rebuilt from the stores, never kept from before.
    engine =
        new ProphetEngine(
            settings,
            KafkaSeriesStore.of(
                context.getStateStore(KafkaSeriesStore.META_STORE),
                context.getStateStore(KafkaSeriesStore.HISTORY_STORE)),
            learned);
    ProphetEngine.RestoreSummary restored = engine.restore();
    metrics.series(engine.seriesCount(), engine.warmSeriesCount());
    LOG.info(
        "prophet task {}: restored {} series ({} warm) from {} stored steps in {} ms",
        context.taskId(),
        restored.series(),
        engine.warmSeriesCount(),
        restored.steps(),
        restored.millis());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    metrics.statsRecord();
    RecordMetadata where = context.recordMetadata().orElseThrow();
    if (record.value() == null) {
      deadLetter(record, where, ProphetDeadLetters.Reason.EMPTY_VALUE, "null value");
      return;
    }
    GenericRecord value;
    try {
      value = avro.deserialize(where.topic(), record.value());
    } catch (RuntimeException e) {
      deadLetter(record, where, ProphetDeadLetters.Reason.UNDECODABLE, String.valueOf(e));
      return;
    }
    TableStats stats;
    try {
      stats = features.extract(value);
    } catch (InvalidStatsException e) {
      deadLetter(record, where, ProphetDeadLetters.Reason.INVALID_STATS, e.getMessage());
      return;
    }
    StatsOutcome outcome = engine.onStats(stats);
    if (outcome.isRejected()) {
      deadLetter(record, where, ProphetDeadLetters.Reason.STALE_STATS, outcome.rejection());
      return;
    }
    for (SeriesStep step : outcome.steps()) {
      long timestamp = step.verdict().time().toEpochMilli();
      String key = step.key().id();
      boolean warm = !step.forecast().isEmpty();
      if (warm) {
        context.forward(
            new Record<Object, Object>(key, ProphetRecords.forecast(step), timestamp),
            FORECASTS_SINK);
      }
      if (step.verdict().isAlarm()) {
        metrics.alarm(step.verdict().explanation());
      }
      if (step.verdict().isAlarm() || settings.publishAllSteps()) {
        context.forward(
            new Record<Object, Object>(key, ProphetRecords.anomaly(step), timestamp),
            ANOMALIES_SINK);
      }
      metrics.step(warm);
    }
    metrics.series(engine.seriesCount(), engine.warmSeriesCount());
  }

  private void deadLetter(
      Record<byte[], byte[]> record,
      RecordMetadata where,
      ProphetDeadLetters.Reason reason,
      String detail) {
    metrics.deadLetter();
    deadLetterLog.record(
        reason.name(),
        where.topic() + "-" + where.partition() + "@" + where.offset(),
        detail,
        System.nanoTime());
    context.forward(ProphetDeadLetters.record(record, where, reason, detail), DLQ_SINK);
  }
}
