package io.chronoshadow.shadow.cut;

import io.chronoshadow.shadow.policy.AdaptiveBucketPolicy;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.FixedBucketPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Seeded random inputs in commit order: bursts, pauses, step-backs, duplicates, empty txs. */
public final class RandomStreams {

  static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> TABLES = List.of("shop.orders", "shop.items", "shop.customers");
  public static final BucketPolicy FIXED = FixedBucketPolicy.of(Duration.ofMinutes(1));
  public static final BucketPolicy ADAPTIVE =
      new AdaptiveBucketPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), 50, 0.4);

  private RandomStreams() {}

  /** Parameters for seeded tests: each policy kind with two seeds from {@code firstSeed} on. */
  public static Stream<Arguments> policiesAndSeeds(long firstSeed) {
    return Stream.of(
        Arguments.of(FIXED, firstSeed),
        Arguments.of(FIXED, firstSeed + 1),
        Arguments.of(ADAPTIVE, firstSeed + 2),
        Arguments.of(ADAPTIVE, firstSeed + 3));
  }

  /** Transactions in commit order, including re-deliveries of earlier ones. */
  public static List<CommittedTransaction> transactions(long seed, int count) {
    Random r = new Random(seed);
    List<CommittedTransaction> out = new ArrayList<>();
    List<CommittedTransaction> originals = new ArrayList<>();
    long t = ORIGIN.toEpochMilli();
    for (int i = 0; i < count; i++) {
      if (!originals.isEmpty() && r.nextInt(10) == 0) {
        // at-least-once: a short run of recent transactions delivered again
        int from = Math.max(0, originals.size() - 1 - r.nextInt(5));
        int to = Math.min(originals.size(), from + 1 + r.nextInt(3));
        out.addAll(originals.subList(from, to));
        continue;
      }
      long gap =
          switch (r.nextInt(6)) {
            case 0 -> -r.nextInt(5); // commit timestamp stepping back slightly
            case 1 -> 0; // same millisecond as the previous one
            case 2 -> r.nextInt(120_000); // a pause
            default -> r.nextInt(3_000);
          };
      t += gap;
      Map<String, Long> counts = new TreeMap<>();
      if (r.nextInt(20) != 0) {
        for (String table : TABLES) {
          if (r.nextBoolean()) {
            counts.put(table, 1L + r.nextInt(5));
          }
        }
      }
      CommittedTransaction tx = new CommittedTransaction("tx" + i, Instant.ofEpochMilli(t), counts);
      originals.add(tx);
      out.add(tx);
    }
    return out;
  }

  /**
   * Interleaves valid watermarks: one placed before transaction i never exceeds the commit time of
   * any later original transaction (the heartbeat promise). Ends with a watermark past everything.
   */
  public static List<PlannerInput> withWatermarks(
      List<CommittedTransaction> txs, long seed, double density) {
    Random r = new Random(seed);
    int n = txs.size();
    long[] suffixMin = new long[n + 1];
    suffixMin[n] = Long.MAX_VALUE;
    Set<String> seen = new HashSet<>();
    boolean[] duplicate = new boolean[n];
    for (int i = 0; i < n; i++) {
      duplicate[i] = !seen.add(txs.get(i).txId());
    }
    for (int i = n - 1; i >= 0; i--) {
      long c = txs.get(i).commitTime().toEpochMilli();
      suffixMin[i] = duplicate[i] ? suffixMin[i + 1] : Math.min(suffixMin[i + 1], c);
    }
    List<PlannerInput> out = new ArrayList<>();
    long last = ORIGIN.toEpochMilli() - 1000;
    for (int i = 0; i < n; i++) {
      while (r.nextDouble() < density && suffixMin[i] > last) {
        long hi = suffixMin[i];
        last = last + 1 + (long) (r.nextDouble() * (hi - last - 1));
        out.add(new Watermark(Instant.ofEpochMilli(last)));
      }
      out.add(txs.get(i));
    }
    out.add(new Watermark(txs.get(n - 1).commitTime().plus(Duration.ofDays(1))));
    return out;
  }

  /** Adds manual requests (at, before and after the current time) and policy changes. */
  public static List<PlannerInput> withManualCutsAndPolicyChanges(
      List<PlannerInput> in, long seed) {
    Random r = new Random(seed);
    List<PlannerInput> out = new ArrayList<>();
    long latest = ORIGIN.toEpochMilli();
    int requests = 0;
    for (PlannerInput i : in) {
      if (i instanceof CommittedTransaction tx) {
        latest = Math.max(latest, tx.commitTime().toEpochMilli());
      }
      if (r.nextInt(25) == 0) {
        long at = latest + r.nextInt(240_000) - 120_000;
        out.add(new ManualCutRequest(Instant.ofEpochMilli(at), "req-" + requests++));
      }
      if (r.nextInt(60) == 0) {
        out.add(new PolicyChange(r.nextBoolean() ? FIXED : ADAPTIVE));
      }
      out.add(i);
    }
    return out;
  }
}
