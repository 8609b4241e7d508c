package io.chronoshadow.prophet.app;

import io.chronoshadow.prophet.engine.AlarmRates;
import io.chronoshadow.prophet.engine.AnalysisSettings;
import io.chronoshadow.prophet.features.StatsFeatures;
import io.chronoshadow.prophet.features.WatchRules;
import io.chronoshadow.prophet.model.ModelKind;
import io.chronoshadow.prophet.topology.ProphetTopics;
import io.chronoshadow.schemas.contract.Durations;
import io.chronoshadow.schemas.contract.GroupNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything a prophet-streams instance needs: Kafka, registry, topics, state directory and the
 * analysis settings. {@link #fromProperties} reads the {@code chrono.prophet.*} keys (see {@link
 * Keys}); every problem is reported at once, each naming its key.
 *
 * @param applicationId Kafka Streams application id; a reused id resumes from that id's state
 * @param streamsOverrides extra Kafka Streams properties ({@code kafka.*} keys without the prefix)
 */
public record ProphetStreamsConfig(
    String bootstrapServers,
    String registryUrl,
    ProphetTopics topics,
    AnalysisSettings analysis,
    String applicationId,
    Path stateDir,
    Map<String, String> streamsOverrides) {

  public static final String DEFAULT_APPLICATION_ID = "chrono-prophet";

  /** Property keys; defaults in brackets. */
  public static final class Keys {
    public static final String PREFIX = "chrono.prophet.";

    /** Kafka bootstrap servers (required). */
    public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap-servers";

    /** Confluent-compatible registry URL (required). */
    public static final String REGISTRY_URL = PREFIX + "registry-url";

    /** [chrono-prophet] */
    public static final String APPLICATION_ID = PREFIX + "application-id";

    /** Kafka Streams state directory (required). */
    public static final String STATE_DIR = PREFIX + "state-dir";

    /** Analysis step of every group [5m]; {@code step.<group>} overrides it for one group. */
    public static final String STEP = PREFIX + "step";

    /** [12] steps a value may reach across without a new shadow. */
    public static final String MAX_CARRY_STEPS = PREFIX + "max-carry-steps";

    /** [12] forecast steps ahead. */
    public static final String HORIZON = PREFIX + "horizon";

    /** [0.8] probability of each forecast step's interval. */
    public static final String INTERVAL_LEVEL = PREFIX + "interval-level";

    /** [1008] resampled steps kept per series (at least the warm-up). */
    public static final String HISTORY_STEPS = PREFIX + "history-steps";

    /** [auto] season length in steps, or auto (detected among an hour, a day, a week). */
    public static final String PERIOD = PREFIX + "period";

    /** [48] the detector's minimum cold start in steps. */
    public static final String MIN_WARMUP_STEPS = PREFIX + "min-warmup-steps";

    /** [auto] auto (backtest) | snaive | hw | hw-damped | hw-robust | hw-damped-robust. */
    public static final String MODEL = PREFIX + "model";

    /** [1] expected alarms (warning or critical) per calibrated clean series per month. */
    public static final String ALARM_WARNINGS_PER_MONTH = PREFIX + "alarm.warnings-per-month";

    /** [1] expected critical alarms per calibrated clean series per year. */
    public static final String ALARM_CRITICALS_PER_YEAR = PREFIX + "alarm.criticals-per-year";

    /** [alarms] alarms | all: which verdicts go to the anomalies topic. */
    public static final String ANOMALIES = PREFIX + "anomalies";

    /** [true] a mean series per numeric column. */
    public static final String COLUMN_METRICS = PREFIX + "column-metrics";

    /** [(?i)id|.*_id] columns without a mean series. */
    public static final String COLUMN_EXCLUDE = PREFIX + "column-exclude";

    /**
     * {@code watch.include.<group>}: a regular expression over {@code <schema.table>/<metric>}; the
     * series it matches in full are alarmed on, whatever they seem to be.
     */
    public static final String WATCH_INCLUDE = PREFIX + "watch.include";

    /** {@code watch.exclude.<group>}: as the include, series never alarmed on (unless included). */
    public static final String WATCH_EXCLUDE = PREFIX + "watch.exclude";

    /** {@code topic.{stats,forecasts,anomalies,dlq}}. */
    public static final String TOPIC = PREFIX + "topic.";

    public static final String KAFKA = "kafka.";

    private Keys() {}
  }

  public ProphetStreamsConfig {
    List<String> problems = new ArrayList<>();
    if (blank(bootstrapServers)) {
      problems.add(Keys.BOOTSTRAP_SERVERS + " is required (e.g. 127.0.0.1:9092)");
    }
    if (blank(registryUrl)) {
      problems.add(Keys.REGISTRY_URL + " is required (inputs and outputs are Avro)");
    } else if (!registryUrl.startsWith("http://") && !registryUrl.startsWith("https://")) {
      problems.add(Keys.REGISTRY_URL + " must be an http(s) URL (was " + registryUrl + ")");
    }
    if (topics == null) {
      topics = ProphetTopics.defaults();
    }
    if (analysis == null) {
      analysis = AnalysisSettings.defaults();
    }
    problems.addAll(problems(analysis));
    if (blank(applicationId)) {
      applicationId = DEFAULT_APPLICATION_ID;
    }
    if (stateDir == null) {
      problems.add(Keys.STATE_DIR + " is required");
    }
    streamsOverrides = streamsOverrides == null ? Map.of() : Map.copyOf(streamsOverrides);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid prophet-streams config: " + String.join("; ", problems));
    }
  }

  /** What is wrong with analysis settings, each naming its key. */
  static List<String> problems(AnalysisSettings a) {
    List<String> problems = new ArrayList<>();
    Map<String, Duration> steps = new LinkedHashMap<>();
    steps.put(Keys.STEP, a.defaultStep());
    a.stepByGroup().forEach((g, d) -> steps.put(Keys.STEP + "." + g, d));
    a.stepByGroup()
        .keySet()
        .forEach(
            g ->
                GroupNames.problem(g).ifPresent(p -> problems.add(Keys.STEP + "." + g + ": " + p)));
    groupProblems(Keys.WATCH_INCLUDE, a.watch().include().keySet(), problems);
    groupProblems(Keys.WATCH_EXCLUDE, a.watch().exclude().keySet(), problems);
    steps.forEach(
        (key, step) -> {
          if (step.compareTo(Duration.ofSeconds(1)) < 0
              || step.compareTo(Duration.ofDays(7)) > 0
              || step.toNanos() % 1_000_000 != 0) {
            problems.add(
                key
                    + " must be whole milliseconds between 1s and 7d (was "
                    + Durations.shorthand(step)
                    + ")");
          }
        });
    if (a.maxCarrySteps() < 0) {
      problems.add(Keys.MAX_CARRY_STEPS + " must be >= 0 (was " + a.maxCarrySteps() + ")");
    }
    if (a.horizon() < 1 || a.horizon() > 1000) {
      problems.add(Keys.HORIZON + " must be between 1 and 1000 (was " + a.horizon() + ")");
    }
    if (!(a.intervalLevel() > 0 && a.intervalLevel() < 1)) {
      problems.add(
          Keys.INTERVAL_LEVEL
              + " must be strictly between 0 and 1 (was "
              + a.intervalLevel()
              + ")");
    }
    if (a.period() < 0) {
      problems.add(
          Keys.PERIOD + " must be auto or a number of steps >= 1 (was " + a.period() + ")");
    }
    if (a.minWarmupSteps() < 1) {
      problems.add(Keys.MIN_WARMUP_STEPS + " must be >= 1 (was " + a.minWarmupSteps() + ")");
    }
    try {
      ModelKind.fromName(a.model());
    } catch (IllegalArgumentException e) {
      problems.add(Keys.MODEL + ": " + e.getMessage());
    }
    steps.forEach(
        (key, step) -> {
          try {
            a.alarms().thresholds(step);
          } catch (IllegalArgumentException e) {
            problems.add(
                Keys.ALARM_WARNINGS_PER_MONTH
                    + ", "
                    + Keys.ALARM_CRITICALS_PER_YEAR
                    + " at "
                    + key
                    + "="
                    + Durations.shorthand(step)
                    + ": "
                    + e.getMessage());
          }
        });
    if (problems.isEmpty()) {
      // A restart rebuilds each detector from the stored history: it must cover the warm-up.
      steps.forEach(
          (key, step) -> {
            int warmup = a.warmupSteps(step);
            if (a.historySteps() < warmup) {
              problems.add(
                  Keys.HISTORY_STEPS
                      + " must be at least the warm-up, "
                      + warmup
                      + " steps at "
                      + key
                      + "="
                      + Durations.shorthand(step)
                      + " (was "
                      + a.historySteps()
                      + ")");
            }
          });
    }
    return problems;
  }

  private static void groupProblems(String key, Iterable<String> groups, List<String> problems) {
    for (String g : groups) {
      GroupNames.problem(g).ifPresent(p -> problems.add(key + "." + g + ": " + p));
    }
  }

  /**
   * Reads a config from properties:
   *
   * <pre>
   * chrono.prophet.bootstrap-servers=127.0.0.1:9092
   * chrono.prophet.registry-url=http://127.0.0.1:8081/apis/ccompat/v7
   * chrono.prophet.state-dir=/var/lib/chrono/prophet
   * chrono.prophet.step=5m                 chrono.prophet.step.&lt;group&gt;=1m   (optional)
   * chrono.prophet.{max-carry-steps,horizon,interval-level,history-steps,period,min-warmup-steps,
   *                 model,anomalies,column-metrics,column-exclude,application-id}=…  (optional)
   * chrono.prophet.alarm.{warnings-per-month,criticals-per-year}=1                (optional)
   * chrono.prophet.watch.{include,exclude}.&lt;group&gt;=&lt;regex over schema.table/metric&gt; (optional)
   * chrono.prophet.topic.{stats,forecasts,anomalies,dlq}=…                        (optional)
   * kafka.&lt;any Kafka Streams property&gt;=…                                       (optional)
   * </pre>
   */
  public static ProphetStreamsConfig fromProperties(Properties p) {
    List<String> problems = new ArrayList<>();
    AnalysisSettings d = AnalysisSettings.defaults();
    Duration step = duration(p, Keys.STEP, d.defaultStep(), problems);
    Map<String, Duration> byGroup = new TreeMap<>();
    Map<String, String> overrides = new TreeMap<>();
    Map<String, Pattern> watchInclude = new TreeMap<>();
    Map<String, Pattern> watchExclude = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(Keys.WATCH_INCLUDE) || name.startsWith(Keys.WATCH_EXCLUDE)) {
        watchPattern(p, name, watchInclude, watchExclude, problems);
      } else if (name.startsWith(Keys.STEP + ".")) {
        String group = name.substring(Keys.STEP.length() + 1);
        byGroup.put(group, duration(p, name, d.defaultStep(), problems));
      } else if (name.startsWith(Keys.KAFKA)) {
        overrides.put(name.substring(Keys.KAFKA.length()), p.getProperty(name));
      } else if (name.startsWith(Keys.PREFIX) && !known(name)) {
        problems.add(name + " is not a known key (a misspelling would silently keep a default)");
      }
    }
    String periodText = p.getProperty(Keys.PERIOD, "auto").trim();
    int period = periodText.equals("auto") ? 0 : integer(p, Keys.PERIOD, 0, problems);
    if (period == 0 && periodText.equals("0")) {
      problems.add(Keys.PERIOD + " must be auto or a number of steps >= 1 (was 0)");
    }
    String anomalies = p.getProperty(Keys.ANOMALIES, "alarms").trim().toLowerCase(Locale.ROOT);
    if (!anomalies.equals("alarms") && !anomalies.equals("all")) {
      problems.add(Keys.ANOMALIES + " must be alarms or all (was " + anomalies + ")");
    }
    String columnMetrics = p.getProperty(Keys.COLUMN_METRICS, "true").trim();
    if (!columnMetrics.equals("true") && !columnMetrics.equals("false")) {
      problems.add(Keys.COLUMN_METRICS + " must be true or false (was " + columnMetrics + ")");
    }
    Pattern exclude = d.columnExclude();
    try {
      exclude =
          Pattern.compile(p.getProperty(Keys.COLUMN_EXCLUDE, StatsFeatures.DEFAULT_COLUMN_EXCLUDE));
    } catch (PatternSyntaxException e) {
      problems.add(Keys.COLUMN_EXCLUDE + " is not a regular expression: " + e.getDescription());
    }
    // Values that failed to parse fall back to defaults here, so that the range checks below
    // report only real problems; the parse problems are already listed.
    AnalysisSettings analysis =
        new AnalysisSettings(
            step,
            byGroup,
            integer(p, Keys.MAX_CARRY_STEPS, d.maxCarrySteps(), problems),
            integer(p, Keys.HORIZON, d.horizon(), problems),
            decimal(p, Keys.INTERVAL_LEVEL, d.intervalLevel(), problems),
            integer(p, Keys.HISTORY_STEPS, d.historySteps(), problems),
            period,
            integer(p, Keys.MIN_WARMUP_STEPS, d.minWarmupSteps(), problems),
            p.getProperty(Keys.MODEL, d.model()).trim(),
            anomalies.equals("all"),
            Boolean.parseBoolean(columnMetrics),
            exclude,
            new WatchRules(watchInclude, watchExclude),
            alarmRates(p, d.alarms(), problems));
    ProphetTopics t = ProphetTopics.defaults();
    ProphetTopics topics =
        new ProphetTopics(
            p.getProperty(Keys.TOPIC + "stats", t.statsTopic()),
            p.getProperty(Keys.TOPIC + "forecasts", t.forecastsTopic()),
            p.getProperty(Keys.TOPIC + "anomalies", t.anomaliesTopic()),
            p.getProperty(Keys.TOPIC + "dlq", t.dlqTopic()));
    String stateDir = p.getProperty(Keys.STATE_DIR);
    try {
      ProphetStreamsConfig config =
          new ProphetStreamsConfig(
              p.getProperty(Keys.BOOTSTRAP_SERVERS),
              p.getProperty(Keys.REGISTRY_URL),
              topics,
              analysis,
              p.getProperty(Keys.APPLICATION_ID),
              stateDir == null ? null : Path.of(stateDir),
              overrides);
      if (problems.isEmpty()) {
        return config;
      }
    } catch (IllegalArgumentException e) {
      String message = e.getMessage().replaceFirst("^invalid prophet-streams config: ", "");
      for (String problem : message.split("; ")) {
        if (!problems.contains(problem)) {
          problems.add(problem);
        }
      }
    }
    throw new IllegalArgumentException(
        "invalid prophet-streams config: " + String.join("; ", problems));
  }

  private static AlarmRates alarmRates(Properties p, AlarmRates d, List<String> problems) {
    double warnings = decimal(p, Keys.ALARM_WARNINGS_PER_MONTH, d.warningsPerMonth(), problems);
    double criticals = decimal(p, Keys.ALARM_CRITICALS_PER_YEAR, d.criticalsPerYear(), problems);
    boolean ok = true;
    if (!(warnings > 0)) {
      problems.add(Keys.ALARM_WARNINGS_PER_MONTH + " must be > 0 (was " + warnings + ")");
      ok = false;
    }
    if (!(criticals > 0)) {
      problems.add(Keys.ALARM_CRITICALS_PER_YEAR + " must be > 0 (was " + criticals + ")");
      ok = false;
    }
    return ok ? new AlarmRates(warnings, criticals) : d;
  }

  private static final List<String> SIMPLE_KEYS =
      List.of(
          Keys.BOOTSTRAP_SERVERS,
          Keys.REGISTRY_URL,
          Keys.APPLICATION_ID,
          Keys.STATE_DIR,
          Keys.STEP,
          Keys.MAX_CARRY_STEPS,
          Keys.HORIZON,
          Keys.INTERVAL_LEVEL,
          Keys.HISTORY_STEPS,
          Keys.PERIOD,
          Keys.MIN_WARMUP_STEPS,
          Keys.MODEL,
          Keys.ANOMALIES,
          Keys.ALARM_WARNINGS_PER_MONTH,
          Keys.ALARM_CRITICALS_PER_YEAR,
          Keys.COLUMN_METRICS,
          Keys.COLUMN_EXCLUDE,
          Keys.TOPIC + "stats",
          Keys.TOPIC + "forecasts",
          Keys.TOPIC + "anomalies",
          Keys.TOPIC + "dlq");

  private static boolean known(String key) {
    return SIMPLE_KEYS.contains(key);
  }

  /** One {@code watch.{include,exclude}.<group>} key into its map, or its problem. */
  private static void watchPattern(
      Properties p,
      String name,
      Map<String, Pattern> include,
      Map<String, Pattern> exclude,
      List<String> problems) {
    boolean isInclude = name.startsWith(Keys.WATCH_INCLUDE);
    String base = isInclude ? Keys.WATCH_INCLUDE : Keys.WATCH_EXCLUDE;
    if (!name.startsWith(base + ".") || name.length() == base.length() + 1) {
      problems.add(
          name
              + " names no group: use "
              + base
              + ".<group>=<regular expression over schema.table/metric>");
      return;
    }
    String group = name.substring(base.length() + 1);
    String text = p.getProperty(name).trim();
    if (text.isEmpty()) {
      problems.add(name + " is empty: give a regular expression over schema.table/metric");
      return;
    }
    try {
      (isInclude ? include : exclude).put(group, Pattern.compile(text));
    } catch (PatternSyntaxException e) {
      problems.add(name + " is not a regular expression: " + e.getDescription());
    }
  }

  private static Duration duration(
      Properties p, String key, Duration fallback, List<String> problems) {
    String text = p.getProperty(key);
    if (text == null) {
      return fallback;
    }
    return Durations.parse(text)
        .orElseGet(
            () -> {
              problems.add(key + " must be a duration like 5m or PT5M (was " + text + ")");
              return fallback;
            });
  }

  private static int integer(Properties p, String key, int fallback, List<String> problems) {
    return parsed(p, key, fallback, Integer::valueOf, "a whole number", problems);
  }

  private static double decimal(Properties p, String key, double fallback, List<String> problems) {
    return parsed(p, key, fallback, Double::valueOf, "a number", problems);
  }

  private static <T> T parsed(
      Properties p,
      String key,
      T fallback,
      Function<String, T> parse,
      String what,
      List<String> problems) {
    String text = p.getProperty(key);
    if (text == null) {
      return fallback;
    }
    try {
      return parse.apply(text.trim());
    } catch (NumberFormatException e) {
      problems.add(key + " must be " + what + " (was " + text + ")");
      return fallback;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
