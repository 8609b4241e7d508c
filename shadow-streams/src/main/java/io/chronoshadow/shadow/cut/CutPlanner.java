package io.chronoshadow.shadow.cut;

import io.chronoshadow.schemas.contract.GroupNames;
import io.chronoshadow.shadow.policy.BucketPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Plans the cuts of one shadow group from Debezium's transaction END events (the group's own and
 * those of the heartbeat table, in the source's commit order), manual requests and policy changes
 * (protocol: module README, "Cut protocol").
 *
 * <p>Every decision depends only on event times, counts and policy — never on the wall clock, nor
 * on how inputs are batched or how watermarks interleave with transactions — so replaying the same
 * inputs yields the same cuts and shadow ids. Not thread-safe: one planner per group, fed in order.
 */
public final class CutPlanner {

  /** Commit timestamps may step back by at most this much between consecutive transactions. */
  public static final Duration DEFAULT_COMMIT_SKEW_TOLERANCE = Duration.ofSeconds(10);

  private static final long NONE = Long.MIN_VALUE;

  private final String group;
  private final long skewToleranceMillis;
  private BucketPolicy policy;
  private long lastSequence;
  private long lastCutMillis = NONE;
  private long frontierMillis = NONE;
  private long lastEffectiveMillis = NONE;
  private Long openCutMillis;
  private long scheduledStartMillis = NONE;
  private long scheduledChanges;
  private Double rate;
  private final TreeMap<String, Long> cumulative = new TreeMap<>();
  private final OpenShadow openShadow;
  private final TreeMap<Long, List<String>> pendingManual = new TreeMap<>();
  private final DedupWindow seen;
  private long duplicateTransactions;
  private long lateTransactions;
  private long lateInOpenShadow;
  private LateTransaction lastLate;

  public CutPlanner(String group, BucketPolicy policy) {
    this(group, policy, DEFAULT_COMMIT_SKEW_TOLERANCE);
  }

  public CutPlanner(String group, BucketPolicy policy, Duration commitSkewTolerance) {
    this.group = GroupNames.requireValid(group);
    this.policy = Objects.requireNonNull(policy, "policy");
    if (commitSkewTolerance.isNegative()) {
      throw new IllegalArgumentException("commitSkewTolerance must not be negative");
    }
    this.skewToleranceMillis = commitSkewTolerance.toMillis();
    this.openShadow = new MemoryOpenShadow();
    this.seen = new RecentKeys(skewToleranceMillis);
  }

  private CutPlanner(PlannerState s, DedupWindow seen, OpenShadow openShadow) {
    this.group = GroupNames.requireValid(s.group());
    this.policy = Objects.requireNonNull(s.policy(), "policy");
    this.skewToleranceMillis = s.commitSkewToleranceMillis();
    this.lastSequence = s.lastSequence();
    this.lastCutMillis = s.lastCutMillis();
    this.frontierMillis = s.frontierMillis();
    this.lastEffectiveMillis = s.lastEffectiveMillis();
    this.openCutMillis = s.openCutMillis();
    this.scheduledStartMillis = s.scheduledStartMillis();
    this.scheduledChanges = s.scheduledChanges();
    this.rate = s.rate();
    this.cumulative.putAll(s.cumulativeCounts());
    this.openShadow = openShadow;
    s.pendingManualCuts()
        .forEach(p -> pendingManual.put(p.atMillis(), new ArrayList<>(p.requestIds())));
    this.seen = seen;
    this.duplicateTransactions = s.duplicateTransactions();
    this.lateTransactions = s.lateTransactions();
    this.lateInOpenShadow = s.lateInOpenShadow();
    this.lastLate = s.lastLate();
  }

  /** A planner that continues exactly where the one that produced {@code state} stopped. */
  public static CutPlanner restore(PlannerState state) {
    return restore(
        state,
        new RecentKeys(
            state.commitSkewToleranceMillis(),
            state.newestCommitMillis(),
            state.seenTransactions()));
  }

  /**
   * As {@link #restore(PlannerState)}, with the duplicate window kept in {@code seen} (which must
   * hold the window of {@code state}); the planner's own state then lists no seen transactions.
   */
  public static CutPlanner restore(PlannerState state, DedupWindow seen) {
    return new CutPlanner(state, seen, new MemoryOpenShadow(state.openShadow()));
  }

  /**
   * As {@link #restore(PlannerState, DedupWindow)}, with the open shadow kept in {@code openShadow}
   * (which must hold the entries of {@code state}); the planner's own state then lists no open
   * entries.
   */
  public static CutPlanner restore(PlannerState state, DedupWindow seen, OpenShadow openShadow) {
    return new CutPlanner(state, seen, openShadow);
  }

  /** A snapshot of the planner's state; later inputs do not change it. */
  public PlannerState state() {
    List<PlannerState.PendingManualCut> pending = new ArrayList<>();
    pendingManual.forEach((t, ids) -> pending.add(new PlannerState.PendingManualCut(t, ids)));
    return new PlannerState(
        group,
        policy,
        skewToleranceMillis,
        lastSequence,
        lastCutMillis,
        frontierMillis,
        lastEffectiveMillis,
        openCutMillis,
        scheduledStartMillis,
        scheduledChanges,
        rate,
        cumulative,
        openShadow.entries(),
        pending,
        seen.newestCommitMillis(),
        seen.entries(),
        duplicateTransactions,
        lateTransactions,
        lateInOpenShadow,
        lastLate);
  }

  /** Feeds one input; returns the cuts it closes, in order (often none). */
  public List<Cut> accept(PlannerInput input) {
    List<Cut> out = new ArrayList<>();
    if (input instanceof CommittedTransaction tx) {
      onTransaction(tx, out);
    } else if (input instanceof Watermark w) {
      advanceTo(millis(w.time()), out);
    } else if (input instanceof ManualCutRequest m) {
      onManualRequest(m, out);
    } else if (input instanceof Baseline b) {
      onBaseline(b);
    } else if (input instanceof PolicyChange p) {
      // Deliberately leaves openCutMillis alone: the open bucket keeps the cut time it was given,
      // and the new policy is first consulted when that bucket closes (or when the next one opens).
      policy = p.policy();
    }
    return out;
  }

  /** Feeds inputs in order; the result is the same as feeding them one by one. */
  public List<Cut> acceptAll(List<? extends PlannerInput> inputs) {
    List<Cut> out = new ArrayList<>();
    inputs.forEach(i -> out.addAll(accept(i)));
    return out;
  }

  private void onTransaction(CommittedTransaction tx, List<Cut> out) {
    long commit = millis(tx.commitTime());
    if (seen.isDuplicate(tx.txId(), commit)) {
      duplicateTransactions++;
      return;
    }
    seen.remember(tx.txId(), commit);
    long changes = Counts.total(tx.eventsPerTable());
    // Commit timestamps can step back slightly (clock adjustments on the source); the effective
    // time is their running maximum so that commit order and time order never disagree. Only a
    // step back across a closed cut matters: the shadow of that cut lacks a transaction that its
    // commit time puts there. It cannot be put right (the shadow is committed), so it is recorded.
    long effective = Math.max(lastEffectiveMillis, commit);
    if (lastCutMillis != NONE && commit < lastCutMillis && changes > 0) {
      lateTransactions++;
      lateInOpenShadow++;
      lastLate =
          new LateTransaction(
              tx.txId(), commit, ShadowIds.of(group, Instant.ofEpochMilli(lastCutMillis)));
      effective = Math.max(effective, lastCutMillis);
    }
    lastEffectiveMillis = effective;
    advanceTo(effective, out);
    if (changes == 0) {
      return;
    }
    if (openCutMillis == null) {
      BucketSchedule.Bucket b = BucketSchedule.openAt(policy, effective, rate);
      openCutMillis = b.cutMillis();
      scheduledStartMillis = b.startMillis();
      scheduledChanges = 0;
    }
    openShadow.add(effective, tx.txId(), tx.eventsPerTable());
    scheduledChanges += changes;
  }

  /**
   * The initial snapshot is a change at its time: it opens a bucket like a transaction (so that a
   * snapshot-only group gets shadow 1), joins the open shadow without counting as a transaction,
   * and lifts the effective time (transactions streamed after it are after it in commit order).
   */
  private void onBaseline(Baseline b) {
    if (lastSequence > 0) {
      return;
    }
    long effective = Math.max(lastEffectiveMillis, millis(b.snapshotTime()));
    lastEffectiveMillis = effective;
    if (openCutMillis == null) {
      BucketSchedule.Bucket bucket = BucketSchedule.openAt(policy, effective, rate);
      openCutMillis = bucket.cutMillis();
      scheduledStartMillis = bucket.startMillis();
      scheduledChanges = 0;
    }
    openShadow.addBaseline(effective);
  }

  private void onManualRequest(ManualCutRequest m, List<Cut> out) {
    long at = millis(m.requestedAt());
    if (lastCutMillis != NONE && at <= lastCutMillis) {
      return; // the latest shadow at or before `at` already shows the state at `at`
    }
    pendingManual.computeIfAbsent(at, t -> new ArrayList<>()).add(m.requestId());
    advanceTo(frontierMillis, out);
  }

  /**
   * Everything before {@code millis} has been seen: close scheduled boundaries and apply manual
   * requests at or before it, in time order.
   */
  private void advanceTo(long millis, List<Cut> out) {
    frontierMillis = Math.max(frontierMillis, millis);
    while (true) {
      Long manual = pendingManual.isEmpty() ? null : pendingManual.firstKey();
      if (openCutMillis != null
          && openCutMillis <= frontierMillis
          && (manual == null || openCutMillis <= manual)) {
        closeScheduled(openCutMillis, out);
      } else if (manual != null && manual <= frontierMillis) {
        applyManual(manual, out);
      } else {
        return;
      }
    }
  }

  private void closeScheduled(long cutMillis, List<Cut> out) {
    List<String> requestIds = pendingManual.remove(cutMillis);
    // A bucket that held the baseline says nothing about the change rate: it starts at the initial
    // snapshot, before the source's traffic reached capture (a demo's held one transaction, and the
    // estimate it gave stretched the next bucket to the maximum). The rate stays as it was
    // (unknown, at the start), so the next bucket is the shortest.
    boolean heldBaseline = false;
    if (openShadow.hasBefore(cutMillis)) {
      heldBaseline = emit(cutMillis, CutTrigger.SCHEDULED, requestIds, out).heldBaseline();
    }
    if (scheduledChanges == 0) {
      // An idle bucket is one zero-rate observation; no new bucket opens until a transaction does,
      // so an idle stretch costs O(1) whatever its length and however watermarks split it.
      if (!heldBaseline) {
        rate = BucketSchedule.observe(policy, rate, 0.0);
      }
      openCutMillis = null;
      return;
    }
    if (!heldBaseline) {
      double observed = scheduledChanges * 1000.0 / (cutMillis - scheduledStartMillis);
      rate = BucketSchedule.observe(policy, rate, observed);
    }
    // Here the policy in force at this cut decides the next bucket: this is where a change applies.
    BucketSchedule.Bucket next = BucketSchedule.after(policy, cutMillis, rate);
    openCutMillis = next.cutMillis();
    scheduledStartMillis = next.startMillis();
    scheduledChanges = 0;
  }

  private void applyManual(long atMillis, List<Cut> out) {
    List<String> requestIds = pendingManual.remove(atMillis);
    // Manual cuts only add boundaries; the scheduled bucket (and its rate observation) is
    // untouched,
    // so the regular schedule is the same with or without them.
    if (atMillis > lastCutMillis && openShadow.hasBefore(atMillis)) {
      emit(atMillis, CutTrigger.MANUAL, requestIds, out);
    }
  }

  private OpenShadow.Taken emit(
      long cutMillis, CutTrigger trigger, List<String> requestIds, List<Cut> out) {
    OpenShadow.Taken taken = openShadow.takeBefore(cutMillis);
    Counts.addInto(cumulative, taken.counts());
    lastSequence++;
    lastCutMillis = cutMillis;
    Instant cutTime = Instant.ofEpochMilli(cutMillis);
    Cut cut =
        new Cut(
            group,
            lastSequence,
            cutTime,
            ShadowIds.of(group, cutTime),
            trigger,
            taken.transactionCount(),
            taken.lastTxId(),
            cumulative,
            taken.counts(),
            requestIds == null ? List.of() : requestIds,
            lateInOpenShadow);
    lateInOpenShadow = 0;
    out.add(cut);
    return taken;
  }

  private static long millis(Instant t) {
    return t.toEpochMilli();
  }

  public String group() {
    return group;
  }

  public BucketPolicy policy() {
    return policy;
  }

  /** Transactions dropped because they were seen before (at-least-once capture). */
  public long duplicateTransactions() {
    return duplicateTransactions;
  }

  /**
   * Transactions with changes in the group whose commit time was before a cut already closed when
   * they arrived (see {@link LateTransaction}); each joined the open shadow.
   */
  public long lateTransactions() {
    return lateTransactions;
  }

  /** The most recent of {@link #lateTransactions()}, or null. */
  public LateTransaction lastLate() {
    return lastLate;
  }

  /** Cut time of the open bucket, if one is open. */
  public Instant openCutTime() {
    return openCutMillis == null ? null : Instant.ofEpochMilli(openCutMillis);
  }

  /** Per-table events covered by the cuts emitted so far. */
  public Map<String, Long> cumulativeCounts() {
    return Counts.copyOf(cumulative, "cumulativeCounts");
  }
}
