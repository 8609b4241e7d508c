package io.chronoshadow.console.query;

/**
 * Bounds on what one query may return or compute.
 *
 * @param maxPageSize most rows in one JSON page (and most entries per list of a diff page)
 * @param maxCsvRows most rows of one CSV download
 * @param maxDiffRows most changed keys a diff may have before it is refused (413)
 * @param maxForecastSteps most analysis steps a forecast may reach ahead of a series' last step
 *     (its cost grows with the steps, for every series of the group)
 */
public record QueryLimits(int maxPageSize, int maxCsvRows, int maxDiffRows, int maxForecastSteps) {

  public static final int DEFAULT_FORECAST_STEPS = 2_000;

  public static final QueryLimits DEFAULTS =
      new QueryLimits(1_000, 1_000_000, 100_000, DEFAULT_FORECAST_STEPS);

  public QueryLimits {
    if (maxPageSize < 1 || maxCsvRows < 1 || maxDiffRows < 1 || maxForecastSteps < 1) {
      throw new IllegalArgumentException("query limits must be positive");
    }
  }

  public QueryLimits(int maxPageSize, int maxCsvRows, int maxDiffRows) {
    this(maxPageSize, maxCsvRows, maxDiffRows, DEFAULT_FORECAST_STEPS);
  }
}
