package io.chronoshadow.shadow.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optional projection (column names, in output order; empty = all columns) and equality filters
 * (column → value, all must match; a null value matches null).
 */
public record ReadOptions(List<String> columns, Map<String, Object> equalTo) {

  public static final ReadOptions ALL = new ReadOptions(List.of(), Map.of());

  public ReadOptions {
    columns = List.copyOf(columns);
    equalTo = Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
  }

  public static ReadOptions columns(String... columns) {
    return new ReadOptions(List.of(columns), Map.of());
  }

  public ReadOptions where(String column, Object value) {
    Map<String, Object> filters = new LinkedHashMap<>(equalTo);
    filters.put(column, value);
    return new ReadOptions(columns, filters);
  }
}
