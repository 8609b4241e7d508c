package io.chronoshadow.console.query;

/**
 * Bounds on what one query may return.
 *
 * @param maxPageSize most rows in one JSON page (and most entries per list of a diff page)
 * @param maxCsvRows most rows of one CSV download
 * @param maxDiffRows most changed keys a diff may have before it is refused (413)
 */
public record QueryLimits(int maxPageSize, int maxCsvRows, int maxDiffRows) {

  public static final QueryLimits DEFAULTS = new QueryLimits(1_000, 1_000_000, 100_000);

  public QueryLimits {
    if (maxPageSize < 1 || maxCsvRows < 1 || maxDiffRows < 1) {
      throw new IllegalArgumentException("query limits must be positive");
    }
  }
}
