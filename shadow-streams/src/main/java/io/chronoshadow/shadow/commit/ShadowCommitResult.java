package io.chronoshadow.shadow.commit;

import java.time.Duration;
import java.util.List;

/** Per-table results of one shadow commit (tables in name order) and its wall-clock latency. */
public record ShadowCommitResult(String shadowId, List<TableCommitStats> tables, Duration latency) {

  public ShadowCommitResult {
    tables = List.copyOf(tables);
  }

  public long rowsAdded() {
    return tables.stream().mapToLong(TableCommitStats::rowsAdded).sum();
  }

  public long bytesWritten() {
    return tables.stream().mapToLong(TableCommitStats::bytesWritten).sum();
  }
}
