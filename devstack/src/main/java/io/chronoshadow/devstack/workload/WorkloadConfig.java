package io.chronoshadow.devstack.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Everything that shapes the demo workload. Construct it with {@link #builder()} or {@link
 * #fromProperties(Properties)}; an invalid combination is rejected with one message line per bad
 * field, naming both the Java name and the property key.
 *
 * @param seed drives every choice the workload makes: same seed, same transactions
 * @param customers customers seeded into a fresh database (ids 1..customers)
 * @param products products seeded into a fresh database (ids 1..products)
 * @param baseRatePerSecond mean transaction rate of the daily cycle, bursts excluded
 * @param dayLength wall-clock length of one compressed "day" of the rate profile
 * @param peakToTroughRatio midday rate divided by midnight rate (1 = flat)
 * @param burstProbability chance that a burst slot is a burst
 * @param burstLength length of one burst slot
 * @param burstMultiplier rate multiplier during a burst
 * @param maxAttempts attempts per transaction when the database asks us to retry (serialization
 *     failure, deadlock)
 * @param statementTimeout server-side timeout of our statements, so no lock wait hangs close()
 * @param priceGlitchProducts products repriced by one PRICE_GLITCH
 * @param runawayDeleteFraction fraction of the orders table one RUNAWAY_DELETE removes
 * @param runawayDeleteBatchSize orders deleted per RUNAWAY_DELETE transaction
 * @param runawayDeleteDuration time a RUNAWAY_DELETE spreads its batches over
 * @param stockDrainSteps transactions a STOCK_DRAIN takes to reach zero
 * @param stockDrainDuration time a STOCK_DRAIN spreads its steps over
 * @param orderSpikeFactor order rate during an ORDER_SPIKE relative to the normal order rate
 * @param orderSpikeDuration how long an ORDER_SPIKE lasts
 * @param businessEpoch business timestamp (placed_at, …) of step 0; step n is n / baseRate later
 * @param closeTimeout how long close() waits for in-flight work
 */
public record WorkloadConfig(
    long seed,
    int customers,
    int products,
    double baseRatePerSecond,
    Duration dayLength,
    double peakToTroughRatio,
    double burstProbability,
    Duration burstLength,
    double burstMultiplier,
    int maxAttempts,
    Duration statementTimeout,
    int priceGlitchProducts,
    double runawayDeleteFraction,
    int runawayDeleteBatchSize,
    Duration runawayDeleteDuration,
    int stockDrainSteps,
    Duration stockDrainDuration,
    double orderSpikeFactor,
    Duration orderSpikeDuration,
    Instant businessEpoch,
    Duration closeTimeout) {

  /** Prefix of every property key read by {@link #fromProperties(Properties)}. */
  public static final String PREFIX = "chrono.workload.";

  public WorkloadConfig {
    List<String> problems = new ArrayList<>();
    requireMin(problems, "customers", "customers", customers, 1);
    requireMin(problems, "products", "products", products, 1);
    requirePositive(problems, "baseRatePerSecond", "base-rate", baseRatePerSecond);
    requirePositive(problems, "dayLength", "day-length", dayLength);
    if (!(peakToTroughRatio >= 1.0) || Double.isInfinite(peakToTroughRatio)) {
      problems.add(
          problem("peakToTroughRatio", "peak-to-trough", "must be >= 1", peakToTroughRatio));
    }
    if (!(burstProbability >= 0.0 && burstProbability <= 1.0)) {
      problems.add(
          problem(
              "burstProbability", "burst-probability", "must be within [0, 1]", burstProbability));
    }
    requirePositive(problems, "burstLength", "burst-length", burstLength);
    if (!(burstMultiplier >= 1.0) || Double.isInfinite(burstMultiplier)) {
      problems.add(problem("burstMultiplier", "burst-multiplier", "must be >= 1", burstMultiplier));
    }
    requireMin(problems, "maxAttempts", "max-attempts", maxAttempts, 1);
    requirePositive(problems, "statementTimeout", "statement-timeout", statementTimeout);
    requireMin(problems, "priceGlitchProducts", "price-glitch.products", priceGlitchProducts, 1);
    if (!(runawayDeleteFraction > 0.0 && runawayDeleteFraction <= 1.0)) {
      problems.add(
          problem(
              "runawayDeleteFraction",
              "runaway-delete.fraction",
              "must be within (0, 1]",
              runawayDeleteFraction));
    }
    requireMin(
        problems, "runawayDeleteBatchSize", "runaway-delete.batch-size", runawayDeleteBatchSize, 1);
    requireNonNegative(
        problems, "runawayDeleteDuration", "runaway-delete.duration", runawayDeleteDuration);
    requireMin(problems, "stockDrainSteps", "stock-drain.steps", stockDrainSteps, 1);
    requireNonNegative(problems, "stockDrainDuration", "stock-drain.duration", stockDrainDuration);
    if (!(orderSpikeFactor > 1.0) || Double.isInfinite(orderSpikeFactor)) {
      problems.add(
          problem("orderSpikeFactor", "order-spike.factor", "must be > 1", orderSpikeFactor));
    }
    requirePositive(problems, "orderSpikeDuration", "order-spike.duration", orderSpikeDuration);
    if (businessEpoch == null) {
      problems.add(problem("businessEpoch", "business-epoch", "must be set", null));
    }
    requirePositive(problems, "closeTimeout", "close-timeout", closeTimeout);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid workload configuration:\n  " + String.join("\n  ", problems));
    }
  }

  public static WorkloadConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .seed(seed)
        .customers(customers)
        .products(products)
        .baseRatePerSecond(baseRatePerSecond)
        .dayLength(dayLength)
        .peakToTroughRatio(peakToTroughRatio)
        .burstProbability(burstProbability)
        .burstLength(burstLength)
        .burstMultiplier(burstMultiplier)
        .maxAttempts(maxAttempts)
        .statementTimeout(statementTimeout)
        .priceGlitchProducts(priceGlitchProducts)
        .runawayDeleteFraction(runawayDeleteFraction)
        .runawayDeleteBatchSize(runawayDeleteBatchSize)
        .runawayDeleteDuration(runawayDeleteDuration)
        .stockDrainSteps(stockDrainSteps)
        .stockDrainDuration(stockDrainDuration)
        .orderSpikeFactor(orderSpikeFactor)
        .orderSpikeDuration(orderSpikeDuration)
        .businessEpoch(businessEpoch)
        .closeTimeout(closeTimeout);
  }

  /**
   * Reads {@code chrono.workload.*} keys over the defaults. Durations accept ISO-8601 ({@code
   * PT10M}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}).
   */
  public static WorkloadConfig fromProperties(Properties properties) {
    PropertyReader in = new PropertyReader(properties);
    Builder b = builder();
    in.read("seed", Long::parseLong, b::seed);
    in.read("customers", Integer::parseInt, b::customers);
    in.read("products", Integer::parseInt, b::products);
    in.read("base-rate", Double::parseDouble, b::baseRatePerSecond);
    in.read("day-length", WorkloadConfig::parseDuration, b::dayLength);
    in.read("peak-to-trough", Double::parseDouble, b::peakToTroughRatio);
    in.read("burst-probability", Double::parseDouble, b::burstProbability);
    in.read("burst-length", WorkloadConfig::parseDuration, b::burstLength);
    in.read("burst-multiplier", Double::parseDouble, b::burstMultiplier);
    in.read("max-attempts", Integer::parseInt, b::maxAttempts);
    in.read("statement-timeout", WorkloadConfig::parseDuration, b::statementTimeout);
    in.read("price-glitch.products", Integer::parseInt, b::priceGlitchProducts);
    in.read("runaway-delete.fraction", Double::parseDouble, b::runawayDeleteFraction);
    in.read("runaway-delete.batch-size", Integer::parseInt, b::runawayDeleteBatchSize);
    in.read("runaway-delete.duration", WorkloadConfig::parseDuration, b::runawayDeleteDuration);
    in.read("stock-drain.steps", Integer::parseInt, b::stockDrainSteps);
    in.read("stock-drain.duration", WorkloadConfig::parseDuration, b::stockDrainDuration);
    in.read("order-spike.factor", Double::parseDouble, b::orderSpikeFactor);
    in.read("order-spike.duration", WorkloadConfig::parseDuration, b::orderSpikeDuration);
    in.read("business-epoch", Instant::parse, b::businessEpoch);
    in.read("close-timeout", WorkloadConfig::parseDuration, b::closeTimeout);
    in.throwIfUnreadable();
    return b.build();
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    }
    int unitStart = 0;
    while (unitStart < t.length()
        && (Character.isDigit(t.charAt(unitStart)) || t.charAt(unitStart) == '-')) {
      unitStart++;
    }
    if (unitStart == 0) {
      throw new DateTimeParseException("expected e.g. 500ms, 30s, 10m, 1h or PT10M", text, 0);
    }
    long amount = Long.parseLong(t.substring(0, unitStart));
    return switch (t.substring(unitStart).trim()) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m", "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default ->
          throw new DateTimeParseException(
              "unknown unit; use ms, s, m, h or ISO-8601", text, unitStart);
    };
  }

  private static String problem(String field, String key, String rule, Object value) {
    return field + " (" + PREFIX + key + ") " + rule + ", was " + value;
  }

  private static void requireMin(
      List<String> problems, String field, String key, long value, long min) {
    if (value < min) {
      problems.add(problem(field, key, "must be >= " + min, value));
    }
  }

  private static void requirePositive(
      List<String> problems, String field, String key, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      problems.add(problem(field, key, "must be a finite number > 0", value));
    }
  }

  private static void requirePositive(
      List<String> problems, String field, String key, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      problems.add(problem(field, key, "must be a positive duration", value));
    }
  }

  private static void requireNonNegative(
      List<String> problems, String field, String key, Duration value) {
    if (value == null || value.isNegative()) {
      problems.add(problem(field, key, "must be a duration >= 0", value));
    }
  }

  /** Parses keys one by one and remembers every unparsable value, to report them together. */
  private static final class PropertyReader {
    private final Properties properties;
    private final List<String> problems = new ArrayList<>();

    PropertyReader(Properties properties) {
      this.properties = properties;
    }

    <T> void read(String key, Function<String, T> parser, java.util.function.Consumer<T> sink) {
      String raw = properties.getProperty(PREFIX + key);
      if (raw == null || raw.isBlank()) {
        return;
      }
      try {
        sink.accept(parser.apply(raw.trim()));
      } catch (RuntimeException e) {
        problems.add(PREFIX + key + " cannot be parsed from '" + raw + "': " + e.getMessage());
      }
    }

    void throwIfUnreadable() {
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid workload configuration:\n  " + String.join("\n  ", problems));
      }
    }
  }

  /** Mutable builder starting from the defaults. */
  public static final class Builder {
    private long seed = 42L;
    private int customers = 200;
    private int products = 100;
    private double baseRatePerSecond = 20.0;
    private Duration dayLength = Duration.ofMinutes(10);
    private double peakToTroughRatio = 4.0;
    private double burstProbability = 0.05;
    private Duration burstLength = Duration.ofSeconds(15);
    private double burstMultiplier = 3.0;
    private int maxAttempts = 5;
    private Duration statementTimeout = Duration.ofSeconds(10);
    private int priceGlitchProducts = 20;
    private double runawayDeleteFraction = 0.5;
    private int runawayDeleteBatchSize = 100;
    private Duration runawayDeleteDuration = Duration.ofSeconds(5);
    private int stockDrainSteps = 4;
    private Duration stockDrainDuration = Duration.ofSeconds(4);
    private double orderSpikeFactor = 10.0;
    private Duration orderSpikeDuration = Duration.ofSeconds(30);
    private Instant businessEpoch = Instant.parse("2026-01-01T00:00:00Z");
    private Duration closeTimeout = Duration.ofSeconds(15);

    private Builder() {}

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder customers(int v) {
      customers = v;
      return this;
    }

    public Builder products(int v) {
      products = v;
      return this;
    }

    public Builder baseRatePerSecond(double v) {
      baseRatePerSecond = v;
      return this;
    }

    public Builder dayLength(Duration v) {
      dayLength = v;
      return this;
    }

    public Builder peakToTroughRatio(double v) {
      peakToTroughRatio = v;
      return this;
    }

    public Builder burstProbability(double v) {
      burstProbability = v;
      return this;
    }

    public Builder burstLength(Duration v) {
      burstLength = v;
      return this;
    }

    public Builder burstMultiplier(double v) {
      burstMultiplier = v;
      return this;
    }

    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    public Builder statementTimeout(Duration v) {
      statementTimeout = v;
      return this;
    }

    public Builder priceGlitchProducts(int v) {
      priceGlitchProducts = v;
      return this;
    }

    public Builder runawayDeleteFraction(double v) {
      runawayDeleteFraction = v;
      return this;
    }

    public Builder runawayDeleteBatchSize(int v) {
      runawayDeleteBatchSize = v;
      return this;
    }

    public Builder runawayDeleteDuration(Duration v) {
      runawayDeleteDuration = v;
      return this;
    }

    public Builder stockDrainSteps(int v) {
      stockDrainSteps = v;
      return this;
    }

    public Builder stockDrainDuration(Duration v) {
      stockDrainDuration = v;
      return this;
    }

    public Builder orderSpikeFactor(double v) {
      orderSpikeFactor = v;
      return this;
    }

    public Builder orderSpikeDuration(Duration v) {
      orderSpikeDuration = v;
      return this;
    }

    public Builder businessEpoch(Instant v) {
      businessEpoch = v;
      return this;
    }

    public Builder closeTimeout(Duration v) {
      closeTimeout = v;
      return this;
    }

    public WorkloadConfig build() {
      return new WorkloadConfig(
          seed,
          customers,
          products,
          baseRatePerSecond,
          dayLength,
          peakToTroughRatio,
          burstProbability,
          burstLength,
          burstMultiplier,
          maxAttempts,
          statementTimeout,
          priceGlitchProducts,
          runawayDeleteFraction,
          runawayDeleteBatchSize,
          runawayDeleteDuration,
          stockDrainSteps,
          stockDrainDuration,
          orderSpikeFactor,
          orderSpikeDuration,
          businessEpoch,
          closeTimeout);
    }
  }
}
