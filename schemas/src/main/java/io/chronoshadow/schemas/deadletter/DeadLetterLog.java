package io.chronoshadow.schemas.deadletter;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The log lines of dead letters, at most one per reason per {@code window}: the first dead letter
 * of a reason is one line with its coordinates and detail; those that follow within the window are
 * counted and told as one summary line when the window ends (on the next dead letter of that reason
 * or on {@link #flush}), with the coordinates of the last one. A storm of poison records would
 * otherwise write one line per record; every record still reaches the dead-letter topic and the
 * counter. Shared by the shadow and prophet topologies, which both send to {@code chrono.dlq}. Not
 * thread-safe: one per processor.
 */
public final class DeadLetterLog {

  private final long windowNanos;
  private final Consumer<String> warn;
  private final Map<String, Window> windows = new TreeMap<>();

  private static final class Window {
    long openedNanos;
    long suppressed;
    String lastWhere;
    String lastDetail;
  }

  public DeadLetterLog(Duration window, Consumer<String> warn) {
    this.windowNanos = window.toNanos();
    this.warn = warn;
  }

  /** A dead letter of {@code reason} from {@code where} ({@code topic-partition@offset}). */
  public void record(String reason, String where, String detail, long nowNanos) {
    Window w = windows.get(reason);
    if (w != null && nowNanos - w.openedNanos < windowNanos) {
      w.suppressed++;
      w.lastWhere = where;
      w.lastDetail = detail;
      return;
    }
    if (w != null) {
      summarize(reason, w);
    }
    Window opened = new Window();
    opened.openedNanos = nowNanos;
    windows.put(reason, opened);
    warn.accept("dead letter from " + where + ": " + reason + " — " + detail);
  }

  /** Ends every window that is over at {@code nowNanos}, with its summary line if it has one. */
  public void flush(long nowNanos) {
    windows
        .entrySet()
        .removeIf(
            e -> {
              if (nowNanos - e.getValue().openedNanos < windowNanos) {
                return false;
              }
              summarize(e.getKey(), e.getValue());
              return true;
            });
  }

  private void summarize(String reason, Window w) {
    if (w.suppressed > 0) {
      warn.accept(
          w.suppressed
              + " more dead letters "
              + reason
              + " in "
              + Duration.ofNanos(windowNanos).toSeconds()
              + " s, the last from "
              + w.lastWhere
              + ": "
              + w.lastDetail);
    }
  }
}
