package io.chronoshadow.prophet.engine;

import io.chronoshadow.prophet.features.MetricSample;
import io.chronoshadow.prophet.features.SeriesKey;
import io.chronoshadow.prophet.features.TableStats;
import io.chronoshadow.prophet.series.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Shadow statistics of a group with two tables, one shadow every {@code interval}: {@code
 * shop.orders} grows by about 20 inserts a shadow, {@code shop.payments} follows it one shadow
 * later (its inserts are the orders' inserts of the previous shadow), so orders lead payments.
 * {@link #deleteOrders} makes the next shadow delete that many orders at once.
 */
public final class SyntheticStats {
  public static final String GROUP = "shop";
  public static final String ORDERS = "shop.orders";
  public static final String PAYMENTS = "shop.payments";

  private final Random random;
  private final Duration interval;
  private Instant cut;
  private long sequence;
  private double orderRows = 1000;
  private double paymentRows = 1000;
  private double previousOrderInserts = 20;
  private long pendingDeletes;

  public SyntheticStats(long seed, Instant start, Duration interval) {
    this.random = new Random(seed);
    this.cut = start;
    this.interval = interval;
  }

  public void deleteOrders(long count) {
    pendingDeletes = count;
  }

  /** The next shadow: one record per table. */
  public List<TableStats> next() {
    sequence++;
    cut = cut.plus(interval);
    double inserts = Math.max(0, Math.round(20 + 4 * random.nextGaussian()));
    double deletes = pendingDeletes;
    pendingDeletes = 0;
    orderRows += inserts - deletes;
    double paymentInserts = previousOrderInserts;
    paymentRows += paymentInserts;
    previousOrderInserts = inserts;
    String shadow = "shadow-" + GROUP + "-" + sequence;
    List<TableStats> out = new ArrayList<>();
    out.add(table(shadow, ORDERS, orderRows, inserts, deletes));
    out.add(table(shadow, PAYMENTS, paymentRows, paymentInserts, 0));
    return out;
  }

  public Instant cut() {
    return cut;
  }

  private TableStats table(
      String shadow, String table, double rows, double inserts, double deletes) {
    List<MetricSample> samples = new ArrayList<>();
    samples.add(sample(table, "rows", MetricKind.LEVEL, "row count of ", rows));
    samples.add(sample(table, "inserts", MetricKind.RATE, "inserts per second into ", inserts));
    samples.add(sample(table, "deletes", MetricKind.RATE, "deletes per second from ", deletes));
    return new TableStats(GROUP, table, shadow, cut, samples);
  }

  private static MetricSample sample(
      String table, String metric, MetricKind kind, String name, double amount) {
    return new MetricSample(new SeriesKey(GROUP, table, metric), kind, name + table, amount);
  }
}
