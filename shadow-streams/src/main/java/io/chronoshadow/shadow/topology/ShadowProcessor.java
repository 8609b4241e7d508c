package io.chronoshadow.shadow.topology;

import io.chronoshadow.schemas.change.ChangeEvent;
import io.chronoshadow.schemas.change.ChangeEventDecoder;
import io.chronoshadow.schemas.change.DecodeException;
import io.chronoshadow.schemas.change.DecodedRecord;
import io.chronoshadow.schemas.change.Op;
import io.chronoshadow.schemas.change.TransactionEvent;
import io.chronoshadow.schemas.deadletter.DeadLetterLog;
import io.chronoshadow.shadow.cut.Assignment;
import io.chronoshadow.shadow.cut.Baseline;
import io.chronoshadow.shadow.cut.CommittedTransaction;
import io.chronoshadow.shadow.cut.Cut;
import io.chronoshadow.shadow.cut.CutPlanner;
import io.chronoshadow.shadow.cut.LateTransaction;
import io.chronoshadow.shadow.cut.PlannerInput;
import io.chronoshadow.shadow.cut.PlannerState;
import io.chronoshadow.shadow.cut.PlannerStateCodec;
import io.chronoshadow.shadow.cut.PolicyChange;
import io.chronoshadow.shadow.dependency.Dependency;
import io.chronoshadow.shadow.dependency.DependencyFailures;
import io.chronoshadow.shadow.dependency.DependencyUnavailableException;
import io.chronoshadow.shadow.dependency.RetryBackoff;
import io.chronoshadow.shadow.output.ShadowRecords;
import io.chronoshadow.shadow.policy.GroupPolicy;
import io.chronoshadow.shadow.policy.PolicyCodec;
import io.chronoshadow.shadow.stage.OpCounts;
import io.chronoshadow.shadow.stage.PendingChange;
import io.chronoshadow.shadow.stage.StagedTable;
import io.chronoshadow.shadow.table.RowKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processor of a shadow group: every input topic has one partition, so one task sees them
 * all, and this processor routes each record by topic — transaction ENDs, heartbeats, policy
 * changes and manual requests to the {@link CutPlanner}; change events, decoded once, to their
 * table's tracker, which places them in the shadow they belong to or parks them until a cut covers
 * them. Once every table has completed the oldest uncommitted shadow it is committed, announced and
 * cleared.
 *
 * <p>Nothing here depends on the order in which records of different topics arrive: the planner and
 * trackers are order-independent by construction, and events wait for their cut. <b>Staging by
 * reference:</b> change events are held in memory ({@link InFlight}: netted per shadow, table and
 * key as they arrive), and only small per-table and per-group state is stored — planner, trackers,
 * and where in its topic each table's uncommitted events are ({@link TableHold}) — in cached,
 * changelogged stores that reach the changelog once per Kafka commit. A crash, thread replacement
 * or task move loses the memory; {@link #init} reads those ranges again ({@link ChangeLog}) and
 * puts each event back where it was. With exactly-once processing stores, offsets and outputs move
 * together, so a crash replays to exactly the same shadows; the committer skips what a previous
 * attempt already wrote. Per event the processor touches no store entry of its own: a per-event
 * store entry (kept until its shadow commits) cost a changelog record and a RocksDB write each.
 *
 * <p><b>Dependency outages.</b> A shadow commit that fails because the object store or catalog is
 * unavailable is not thrown: the shadow stays pending (its cut and staged changes are in the
 * stores, as while it waits for a table) and is tried again after a bounded backoff, from the next
 * record or a wall-clock punctuation, while input keeps being consumed and staged for later
 * shadows. So an outage of any length never holds a Kafka transaction open (the producer's
 * transaction timeout is 60 s) and never costs a thread replacement with its state restore. While
 * the dependency is down, the next attempt waits for the backoff and for a probe (the app's {@code
 * DependencyProbes}, once a second) to reach it again — an attempt against a dead object store
 * costs its client's retries and log lines, a probe nothing — or for {@link #UNPROBED_RETRY}. Once
 * the dependency is back, the pending shadows are committed in order within about a second plus the
 * commits themselves. Commits run off the stream thread ({@link CommitRunner}), one at a time, in
 * shadow order; each is collected by the next record or a 50 ms punctuation and announced in the
 * Kafka transaction open then, so no Kafka transaction ever waits for the object store. A record
 * whose schema the registry cannot give now cannot be set aside like that (nothing after it may be
 * processed first), so the thread waits for the registry in place for at most {@link
 * #REGISTRY_WAIT_IN_PLACE} — half the transaction timeout — and then gives up with a {@link
 * DependencyUnavailableException}; the replaced thread reprocesses the record. It is never
 * dead-lettered for an outage.
 */
final class ShadowProcessor implements Processor<byte[], byte[], Object, Object> {

  static final String SHADOWS_SINK = "shadows-sink";
  static final String STATS_SINK = "stats-sink";
  static final String DLQ_SINK = "dlq-sink";

  private static final Logger LOG = LoggerFactory.getLogger(ShadowProcessor.class);

  /** A poison storm is one line per reason per half minute, not one per record. */
  private final DeadLetterLog deadLetterLog;

  static final Duration REGISTRY_WAIT_IN_PLACE = Duration.ofSeconds(30);
  // How often a commit's end is looked for when no record arrives: a bound on what it adds to
  // cut → visible.
  private static final Duration COMMIT_CHECK = Duration.ofMillis(50);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
  // Without a probe's word that the dependency answers again, a commit is still tried this often
  // (e.g. where no probe runs): a failing attempt costs the object store's client retries and
  // their log lines, so not every backoff round.
  private static final Duration UNPROBED_RETRY = Duration.ofSeconds(60);

  private final ShadowTopologySettings settings;
  private final ChangeEventDecoder decoder;
  private final ChangeLog changeLog;
  private final ShadowAssembler assembler;
  private final ShadowSink sink;
  private final ShadowMetrics metrics;

  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, byte[]> groupStore;
  private KeyValueStore<String, byte[]> tableStore;
  private KeyValueStore<String, byte[]> skipsStore;
  private KeyValueStore<String, byte[]> seenStore;
  private final InFlight inFlight = new InFlight();
  private CutPlanner planner;
  private long lastCutSequence;
  private long lastCommitted;
  private final TreeMap<String, TableProgress> tables = new TreeMap<>();
  private final RetryBackoff commitBackoff = new RetryBackoff();
  // System.nanoTime() before which no commit is attempted again; 0 when no retry is pending.
  private long commitRetryAt;
  private Dependency commitBlockedBy;
  private long lastCommitFailure;
  // Where shadow commits run: a thread of this processor's own in the app, inline under a test
  // driver.
  private final CommitRunner commits;
  private RunningCommit running;

  ShadowProcessor(
      ShadowTopologySettings settings,
      ChangeEventDecoder decoder,
      ChangeLog changeLog,
      ShadowAssembler assembler,
      ShadowSink sink,
      CommitRunner commits,
      ShadowMetrics metrics) {
    this.settings = settings;
    this.commits = commits;
    this.deadLetterLog =
        new DeadLetterLog(
            Duration.ofSeconds(30),
            line -> LOG.warn("shadow group {}: {}", settings.group(), line));
    this.decoder = decoder;
    this.changeLog = changeLog;
    this.assembler = assembler;
    this.sink = sink;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    groupStore = context.getStateStore(StoreKeys.GROUP_STORE);
    tableStore = context.getStateStore(StoreKeys.TABLES_STORE);
    skipsStore = context.getStateStore(StoreKeys.SKIPS_STORE);
    seenStore = context.getStateStore(StoreKeys.SEEN_STORE);
    byte[] encodedPlanner = groupStore.get(StoreKeys.PLANNER);
    PlannerState plannerState =
        encodedPlanner == null
            ? new CutPlanner(settings.group(), settings.initialPolicy()).state()
            : PlannerStateCodec.decode(encodedPlanner);
    planner =
        CutPlanner.restore(
            plannerState,
            new StoreDedupWindow(
                seenStore,
                StoreKeys.SEEN_TRANSACTIONS,
                plannerState.commitSkewToleranceMillis(),
                plannerState.newestCommitMillis(),
                plannerState.seenTransactions()),
            new StoreOpenShadow(groupStore, plannerState.openShadow()));
    lastCutSequence = planner.state().lastSequence();
    byte[] committed = groupStore.get(StoreKeys.LAST_COMMITTED);
    lastCommitted = committed == null ? 0 : ByteBuffer.wrap(committed).getLong();
    metrics.lateTransactions(planner.lateTransactions(), planner.lastLate());
    tables.clear();
    try (KeyValueIterator<String, byte[]> it = tableStore.all()) {
      it.forEachRemaining(kv -> tables.put(kv.key, TableProgress.decode(kv.value, seenStore)));
    }
    inFlight.clear();
    rereadHeldEvents();
    commitRetryAt = 0;
    commitBackoff.reset();
    // Input may stop altogether (idle source, or an outage of the broker or source): commits are
    // collected and started on wall-clock time too.
    context.schedule(
        COMMIT_CHECK,
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          commitCompleteShadows();
          deadLetterLog.flush(System.nanoTime());
        });
    LOG.info(
        "shadow group {}: resuming after shadow {} ({} cuts planned, {} tables, policy {})",
        settings.group(),
        lastCommitted,
        lastCutSequence,
        tables.size(),
        PolicyCodec.toTree(planner.policy()));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata meta = context.recordMetadata().orElseThrow();
    Input in = new Input(record, meta.topic(), meta.partition(), meta.offset());
    ShadowTopics topics = settings.topics();
    if (in.topic.equals(topics.policiesTopic())) {
      onPolicy(in);
    } else if (in.topic.equals(topics.requestsTopic())) {
      onManualRequest(in);
    } else {
      onDebeziumRecord(in);
    }
    commitCompleteShadows();
  }

  private record Input(Record<byte[], byte[]> record, String topic, int partition, long offset) {
    byte[] key() {
      return record.key();
    }

    byte[] value() {
      return record.value();
    }
  }

  // ---- inputs -------------------------------------------------------------------------------

  private void onDebeziumRecord(Input in) {
    DecodedRecord decoded;
    try {
      decoded = decoder.decode(in.topic, in.partition, in.offset, in.key(), in.value());
    } catch (DecodeException e) {
      if (!isRegistryOutage(e)) {
        deadLetter(in, e.deadLetterHeaders());
        return;
      }
      decoded = decodeOnceTheRegistryIsBack(in, e);
    }
    if (decoded instanceof ChangeEvent event) {
      onChange(in, event);
    } else if (decoded instanceof TransactionEvent tx) {
      onTransaction(in, tx);
    }
    // Tombstones carry no change of their own. Debezium's heartbeat records are not read: they are
    // stamped with the capture process's clock, which says nothing about the commit order.
  }

  private void onTransaction(Input in, TransactionEvent tx) {
    if (tx.status() != TransactionEvent.Status.END) {
      return;
    }
    CommittedTransaction committed;
    try {
      if (tx.timestamp() == null) {
        throw new IllegalArgumentException("transaction END without ts_ms");
      }
      Map<String, Long> counts = new TreeMap<>();
      tx.dataCollections()
          .forEach(c -> counts.merge(c.dataCollection(), c.eventCount(), Long::sum));
      // The heartbeat table's transactions prove progress in commit order; its rows are not
      // shadowed.
      counts.remove(settings.heartbeatTable());
      committed = new CommittedTransaction(transactionOf(tx.id()), tx.timestamp(), counts);
    } catch (IllegalArgumentException e) {
      deadLetter(in, DeadLetters.Reason.INVALID_TRANSACTION, e.getMessage());
      return;
    }
    feed(committed);
  }

  private void onPolicy(Input in) {
    if (in.value() == null) {
      // A tombstone keyed by the group deletes its policy: the group goes back to the policy it
      // was configured with, from the next cut (tombstones of other groups are not ours).
      String key = in.key() == null ? null : new String(in.key(), StandardCharsets.UTF_8);
      if (settings.group().equals(key) && !settings.initialPolicy().equals(planner.policy())) {
        LOG.info(
            "shadow group {}: policy deleted; the configured policy {} applies from the next cut",
            settings.group(),
            PolicyCodec.toTree(settings.initialPolicy()));
        feed(new PolicyChange(settings.initialPolicy()));
      }
      return;
    }
    GroupPolicy policy;
    try {
      policy = PolicyCodec.fromJson(new String(in.value(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      deadLetter(in, DeadLetters.Reason.INVALID_CONTROL_RECORD, e.getMessage());
      return;
    }
    if (policy.group().equals(settings.group()) && !policy.policy().equals(planner.policy())) {
      LOG.info(
          "shadow group {}: policy {} applies from the next cut",
          settings.group(),
          PolicyCodec.toJson(policy));
      feed(new PolicyChange(policy.policy()));
    }
  }

  private void onManualRequest(Input in) {
    if (in.value() == null) {
      return;
    }
    try {
      ManualRequests.parse(in.value(), settings.group(), in.record.timestamp())
          .ifPresent(
              request -> {
                LOG.info(
                    "shadow group {}: manual cut {} at {}",
                    settings.group(),
                    request.requestId(),
                    request.requestedAt());
                feed(request);
              });
    } catch (IllegalArgumentException e) {
      deadLetter(in, DeadLetters.Reason.INVALID_CONTROL_RECORD, e.getMessage());
    }
  }

  private void onChange(Input in, ChangeEvent event) {
    if (event.sourceTable().equals(settings.heartbeatTable())) {
      return;
    }
    PendingChange change;
    try {
      change = pendingChange(in, event);
      change.tableChange(); // validates before any state changes
    } catch (IllegalArgumentException e) {
      DeadLetters.Reason reason =
          e instanceof MissingTransactionException
              ? DeadLetters.Reason.NO_TRANSACTION_METADATA
              : DeadLetters.Reason.UNSUPPORTED_CHANGE;
      deadLetter(in, reason, e.getMessage());
      return;
    }
    TableProgress table = table(change.table());
    try {
      table.hold = table.hold.received(in.topic, in.partition, in.offset);
    } catch (IllegalArgumentException e) {
      deadLetter(in, DeadLetters.Reason.UNSUPPORTED_CHANGE, e.getMessage());
      return;
    }
    if (change.isSnapshotRead()) {
      table.baselineStarted = true;
    } else {
      // Streaming events follow the table's snapshot in its topic: the snapshot is complete.
      table.baselineComplete = true;
    }
    ArrayDeque<PendingChange> waiting = inFlight.waiting(table.table);
    if (!waiting.isEmpty() || !place(table, change, in.record.headers())) {
      waiting.addLast(change);
    }
    save(table);
  }

  private static final class MissingTransactionException extends IllegalArgumentException {
    MissingTransactionException(String message) {
      super(message);
    }
  }

  private static PendingChange pendingChange(Input in, ChangeEvent event) {
    return pendingChange(event, in.topic, in.partition, in.offset, in.key(), in.value());
  }

  private static PendingChange pendingChange(
      ChangeEvent event, String topic, int partition, long offset, byte[] key, byte[] value) {
    if (event.op() == Op.TRUNCATE) {
      throw new IllegalArgumentException(
          "truncate of " + event.sourceTable() + " is not supported by shadows");
    }
    String rowKey = RowKeys.canonical(event.key());
    // Only the transaction block makes an event transactional: PostgreSQL snapshot reads carry the
    // snapshot's source.txId too, but no transaction block (and no END record to count them).
    String txId = null;
    if (event.transactionId() != null) {
      txId = event.txId() != null ? event.txId().toString() : transactionOf(event.transactionId());
    }
    long order = 0;
    if (txId != null) {
      if (event.dataCollectionOrder() == null) {
        throw new MissingTransactionException(
            "change event of " + event.sourceTable() + " without data_collection_order");
      }
      order = event.dataCollectionOrder();
    } else if (event.op() != Op.READ) {
      throw new MissingTransactionException(
          "op "
              + event.op().code()
              + " of "
              + event.sourceTable()
              + " without transaction metadata (enable provide.transaction.metadata)");
    }
    Object marker = event.source().get("snapshot");
    return new PendingChange(
        event,
        txId,
        order,
        marker == null ? null : marker.toString(),
        rowKey,
        topic,
        partition,
        offset,
        key,
        value);
  }

  /**
   * Debezium's PostgreSQL transaction ids are {@code <txId>:<LSN>}, and the LSN differs between the
   * BEGIN/END records and each event: the part before ':' is the transaction.
   */
  private static String transactionOf(String id) {
    int colon = id.indexOf(':');
    return colon < 0 ? id : id.substring(0, colon);
  }

  // ---- planner and trackers -----------------------------------------------------------------

  private void feed(PlannerInput input) {
    long lateBefore = planner.lateTransactions();
    List<Cut> cuts = planner.accept(input);
    if (planner.lateTransactions() > lateBefore) {
      LateTransaction late = planner.lastLate();
      metrics.lateTransactions(planner.lateTransactions(), late);
      LOG.error(
          "shadow group {}: transaction {} committed at {} arrived after shadow {} was cut; it"
              + " joins the next shadow, and {} lacks it (source clock stepped back, or capture"
              + " out of commit order: see the README on late transactions)",
          settings.group(),
          late.txId(),
          Instant.ofEpochMilli(late.commitMillis()),
          late.missedShadowId(),
          late.missedShadowId());
    }
    groupStore.put(StoreKeys.PLANNER, PlannerStateCodec.encode(planner.state()));
    for (Cut cut : cuts) {
      onCut(cut);
    }
  }

  private void onCut(Cut cut) {
    groupStore.put(StoreKeys.cut(cut.sequence()), CutCodec.encode(cut));
    lastCutSequence = cut.sequence();
    for (String table : cut.cumulativeCounts().keySet()) {
      if (!tables.containsKey(table)) {
        // Events of this table may still be on their way: its tracker must exist from this cut on.
        tables.put(table, TableProgress.fresh(table, cut.sequence() - 1, seenStore));
      }
    }
    for (TableProgress table : tables.values()) {
      table.tracker.onCut(cut);
      drainWaiting(table);
      save(table);
    }
    LOG.debug(
        "shadow group {}: cut {} at {} ({} transactions, {} changes)",
        settings.group(),
        cut.sequence(),
        cut.cutTime(),
        cut.transactionCount(),
        cut.changeCount());
  }

  private TableProgress table(String name) {
    return tables.computeIfAbsent(name, n -> TableProgress.fresh(n, lastCutSequence, seenStore));
  }

  /** Offers the change to its table's tracker; false when it must wait for a later cut. */
  private boolean place(TableProgress table, PendingChange change, Headers headers) {
    Assignment assignment = table.tracker.offer(change.tableChange());
    if (assignment instanceof Assignment.Assigned assigned) {
      if (assigned.shadowSequence() <= committedOrCommitting()) {
        drop(table, change);
        deadLetter(
            change,
            headers,
            DeadLetters.Reason.LATE_FOR_COMMITTED_SHADOW.name(),
            "shadow " + assigned.shadowSequence() + " of " + change.table() + " is committed");
      } else if (table.isStopped()) {
        drop(table, change);
        deadLetter(
            change, headers, DeadLetters.Reason.INCOMPATIBLE_SCHEMA.name(), table.stoppedReason);
      } else {
        inFlight.stage(assigned.shadowSequence(), change);
        table.hold = table.hold.staged(assigned.shadowSequence(), change.offset());
      }
      if (change.endsSnapshotOfTable()) {
        table.baselineComplete = true;
      }
      if (change.endsSnapshot()) {
        // The whole initial snapshot is in: the baseline is a change at its time (shadow 1 even
        // if no transaction ever comes).
        feed(new Baseline(Instant.ofEpochMilli(change.commitMillis())));
      }
      return true;
    }
    if (assignment instanceof Assignment.Duplicate) {
      drop(table, change);
      metrics.duplicateEvent();
      return true;
    }
    if (assignment instanceof Assignment.Rejected rejected) {
      drop(table, change);
      deadLetter(change, headers, DeadLetters.Reason.TRACKER_REJECTED.name(), rejected.reason());
      return true;
    }
    return false;
  }

  private void drainWaiting(TableProgress table) {
    ArrayDeque<PendingChange> waiting = inFlight.waiting(table.table);
    while (!waiting.isEmpty()) {
      if (!place(table, waiting.peekFirst(), null)) {
        return;
      }
      waiting.pollFirst();
    }
  }

  /** The newest shadow whose changes are final: committed, or handed to the commit in flight. */
  private long committedOrCommitting() {
    return running == null ? lastCommitted : running.cut().sequence();
  }

  /**
   * A held event is dropped (duplicate, dead letter): a re-read must drop it again without asking
   * the tracker, which has moved on.
   */
  private void drop(TableProgress table, PendingChange change) {
    if (table.hold.dropNeedsSkip()) {
      skipsStore.put(StoreKeys.skip(table.table, change.offset()), new byte[0]);
    } else {
      table.hold = table.hold.droppedOldest(change.offset());
    }
  }

  /** Puts held events back in memory after a crash, a thread replacement or a task move. */
  private void rereadHeldEvents() {
    List<ChangeLog.Range> ranges = new ArrayList<>();
    Map<String, Set<Long>> skipped = new HashMap<>();
    for (TableProgress table : tables.values()) {
      TableHold hold = table.hold;
      if (!hold.holdsAny()) {
        continue;
      }
      ranges.add(
          new ChangeLog.Range(
              table.table, hold.topic(), hold.partition(), hold.heldFrom(), hold.nextOffset()));
      Set<Long> offsets = new HashSet<>();
      try (KeyValueIterator<String, byte[]> it =
          skipsStore.range(
              StoreKeys.skip(table.table, hold.heldFrom()),
              StoreKeys.skip(table.table, hold.nextOffset()))) {
        it.forEachRemaining(kv -> offsets.add(StoreKeys.skipOffset(kv.key)));
      }
      skipped.put(table.table, offsets);
    }
    if (ranges.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    Map<String, long[]> counts = new HashMap<>();
    changeLog.read(
        ranges,
        (range, r) -> {
          if (skipped.get(range.table()).contains(r.offset())) {
            return;
          }
          TableProgress table = tables.get(range.table());
          reheld(table, r)
              .ifPresent(
                  c ->
                      counts
                          .computeIfAbsent(range.table(), t -> new long[2])[
                          table.hold.shadowAt(r.offset()) == 0 ? 1 : 0]++);
        });
    long millis = (System.nanoTime() - t0) / 1_000_000;
    for (ChangeLog.Range range : ranges) {
      long[] n = counts.getOrDefault(range.table(), new long[2]);
      LOG.info(
          "shadow group {}: table {}: re-read {}-{} offsets [{}, {}): {} events back in open"
              + " shadows, {} waiting for a cut",
          settings.group(),
          range.table(),
          range.topic(),
          range.partition(),
          range.fromOffset(),
          range.toOffset(),
          n[0],
          n[1]);
    }
    LOG.info(
        "shadow group {}: held events of {} tables re-read in {} ms",
        settings.group(),
        ranges.size(),
        millis);
  }

  /**
   * One re-read record, put back where its first reading placed it: records the first reading
   * dropped without a note (undecodable, another table's, invalid) are dropped again, as they were
   * then; the registry being down is the only outcome that differs, and it fails the re-read.
   */
  private Optional<PendingChange> reheld(TableProgress table, ConsumerRecord<byte[], byte[]> r) {
    DecodedRecord decoded;
    try {
      decoded = decoder.decode(r.topic(), r.partition(), r.offset(), r.key(), r.value());
    } catch (DecodeException e) {
      if (isRegistryOutage(e)) {
        throw new DependencyUnavailableException(
            Dependency.REGISTRY,
            "schema registry unavailable while re-reading held events of " + table.table,
            e);
      }
      return Optional.empty();
    }
    if (!(decoded instanceof ChangeEvent event) || !event.sourceTable().equals(table.table)) {
      return Optional.empty();
    }
    PendingChange change;
    try {
      change = pendingChange(event, r.topic(), r.partition(), r.offset(), r.key(), r.value());
      change.tableChange();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    long shadow = table.hold.shadowAt(r.offset());
    if (shadow == 0) {
      inFlight.waiting(table.table).addLast(change);
    } else {
      inFlight.stage(shadow, change);
    }
    return Optional.of(change);
  }

  private void save(TableProgress table) {
    tableStore.put(table.table, table.encode());
  }

  /**
   * The registry did not answer (as opposed to: there is none, or it does not know the schema id,
   * which no waiting mends and the record is dead-lettered for).
   */
  private static boolean isRegistryOutage(DecodeException e) {
    return e.reason() == DecodeException.Reason.REGISTRY_UNAVAILABLE && e.getCause() != null;
  }

  private DecodedRecord decodeOnceTheRegistryIsBack(Input in, DecodeException first) {
    String heldUp = "record " + in.topic + "-" + in.partition + "@" + in.offset + " waits";
    metrics.dependencies().failed(Dependency.REGISTRY, heldUp, first);
    RetryBackoff backoff = new RetryBackoff();
    long giveUpAt = System.nanoTime() + REGISTRY_WAIT_IN_PLACE.toNanos();
    DecodeException last = first;
    while (System.nanoTime() < giveUpAt) {
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        DecodedRecord decoded =
            decoder.decode(in.topic, in.partition, in.offset, in.key(), in.value());
        metrics.dependencies().available(Dependency.REGISTRY);
        return decoded;
      } catch (DecodeException e) {
        if (!isRegistryOutage(e)) {
          throw e; // the registry answered: what it said is for a fresh attempt to handle
        }
        last = e;
        metrics.dependencies().failed(Dependency.REGISTRY, heldUp, e);
      }
    }
    throw new DependencyUnavailableException(
        Dependency.REGISTRY,
        "schema registry still unavailable after "
            + REGISTRY_WAIT_IN_PLACE.toSeconds()
            + " s; "
            + heldUp,
        last);
  }

  // ---- commits ------------------------------------------------------------------------------

  /**
   * Collects the shadow commit in flight if it has ended, then starts the next due shadow's. In the
   * background (the app), one commit runs while the stream thread goes on with input; each ends in
   * whatever Kafka transaction is open when it is collected, so no transaction waits for a commit.
   * Run inline (a test driver), every due shadow is committed in this call.
   */
  private void commitCompleteShadows() {
    while (true) {
      if (running != null) {
        if (!running.result().isDone()) {
          return;
        }
        RunningCommit ended = running;
        running = null;
        if (!collect(ended)) {
          return;
        }
      }
      if (commitRetryAt != 0) {
        long now = System.nanoTime();
        if (now - commitRetryAt < 0) {
          return; // a dependency was unavailable: wait out the backoff
        }
        if (!metrics.dependencies().worthTrying(commitBlockedBy)
            && now - lastCommitFailure < UNPROBED_RETRY.toNanos()) {
          return; // the probe has not reached it yet
        }
      }
      byte[] encodedCut = nextDueCut();
      if (encodedCut == null) {
        return;
      }
      Cut cut = CutCodec.decode(encodedCut);
      Map<String, StagedTable> staged = inFlight.shadow(cut.sequence());
      ShadowCommit commit =
          new ShadowCommit(
              cut, settings.group(), settings.defaultSchema(), assembler, sink, stoppedTables());
      running = new RunningCommit(cut, staged, commits.submit(() -> commit.run(staged)));
    }
  }

  /** A shadow commit started and not yet collected. */
  private record RunningCommit(
      Cut cut, Map<String, StagedTable> staged, Future<ShadowCommit.Outcome> result) {}

  /**
   * Applies an ended commit; false when a dependency was unavailable (the shadow stays pending and
   * is tried again after a backoff).
   */
  private boolean collect(RunningCommit ended) {
    Cut cut = ended.cut();
    ShadowCommit.Outcome outcome;
    try {
      outcome = ended.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted collecting shadow " + cut.shadowId(), e);
    } catch (ExecutionException e) {
      RuntimeException failure =
          e.getCause() instanceof RuntimeException r
              ? r
              : new IllegalStateException("shadow " + cut.shadowId() + " failed", e.getCause());
      Optional<Dependency> cause = DependencyFailures.classify(failure);
      if (cause.isEmpty()) {
        throw failure;
      }
      metrics.dependencies().failed(cause.get(), "shadow " + cut.shadowId() + " waits", failure);
      commitBlockedBy = cause.get();
      // From the failure, not the attempt's start: S3A's own retries can make an attempt long.
      lastCommitFailure = System.nanoTime();
      // | 1: never 0, which means "no retry pending".
      commitRetryAt = (System.nanoTime() + commitBackoff.next().toNanos()) | 1;
      return false;
    }
    if (commitRetryAt != 0) {
      commitRetryAt = 0;
      commitBackoff.reset();
      metrics.dependencies().available(commitBlockedBy);
    }
    // A commit touches both: whichever was down, it answers now.
    metrics.dependencies().available(Dependency.OBJECT_STORE);
    metrics.dependencies().available(Dependency.CATALOG);
    outcome.stopped().forEach(this::stop);
    outcome.deadLetters().forEach(d -> deadLetter(d.change(), d.reason(), d.detail()));
    long sequence = cut.sequence();
    emitOutputs(cut, ended.staged(), outcome);
    inFlight.committed(sequence);
    groupStore.delete(StoreKeys.cut(sequence));
    lastCommitted = sequence;
    groupStore.put(StoreKeys.LAST_COMMITTED, ByteBuffer.allocate(8).putLong(sequence).array());
    metrics.shadowCommitted(cut.shadowId(), sequence);
    return true;
  }

  @Override
  public void close() {
    // A commit still running would race the one a new owner of this task starts for the same
    // shadow: wait for it (its outcome is not applied; the new owner recommits, idempotently).
    RunningCommit last = running;
    running = null;
    if (last != null) {
      try {
        last.result().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn(
            "shadow group {}: shadow {} was being committed at close: {}",
            settings.group(),
            last.cut().shadowId(),
            e.toString());
      }
    }
    commits.shutdown();
  }

  /** The oldest uncommitted cut if every table has completed it, else null. */
  private byte[] nextDueCut() {
    // Runs after every record: the in-memory checks come before any store lookup.
    if (lastCutSequence <= lastCommitted) {
      return null;
    }
    long next = lastCommitted + 1;
    for (TableProgress table : tables.values()) {
      if (table.tracker.completeThrough() < next) {
        return null;
      }
      if (next == 1 && table.baselineStarted && !table.baselineComplete) {
        return null; // the baseline must hold each table's whole initial snapshot
      }
    }
    return groupStore.get(StoreKeys.cut(next));
  }

  private void emitOutputs(
      Cut cut, Map<String, StagedTable> byTable, ShadowCommit.Outcome outcome) {
    long timestamp = cut.cutTime().toEpochMilli();
    List<String> changedTables = new ArrayList<>(outcome.committedTables());
    context.forward(
        new Record<>(
            cut.shadowId(),
            ShadowRecords.committed(cut, cut.changeCount(), changedTables, outcome.commitMillis()),
            timestamp),
        SHADOWS_SINK);
    for (TableProgress table : tables.values()) {
      StagedTable staged = byTable.get(table.table);
      OpCounts ops = staged == null ? OpCounts.NONE : staged.ops();
      releaseHold(table, cut.sequence());
      if (table.isStopped()) {
        save(table);
        continue;
      }
      table.rowCount += ops.rowDelta();
      save(table);
      context.forward(
          new Record<>(
              settings.group() + "." + table.table,
              ShadowRecords.tableStats(
                  cut,
                  table.table,
                  ops,
                  staged == null ? 0 : staged.size(),
                  table.rowCount,
                  outcome.bytesWritten().getOrDefault(table.table, 0L),
                  outcome.aggregates().getOrDefault(table.table, List.of())),
              timestamp),
          STATS_SINK);
    }
  }

  /** The table's events up to shadow {@code sequence} are committed: no re-read needs them. */
  private void releaseHold(TableProgress table, long sequence) {
    TableHold before = table.hold;
    table.hold = before.committed(sequence);
    if (before.heldFrom() >= 0 && table.hold.heldFrom() != before.heldFrom()) {
      long upTo = table.hold.heldFrom() < 0 ? table.hold.nextOffset() : table.hold.heldFrom();
      try (KeyValueIterator<String, byte[]> it =
          skipsStore.range(
              StoreKeys.skip(table.table, before.heldFrom()),
              StoreKeys.skip(table.table, upTo - 1))) {
        List<String> done = new ArrayList<>();
        it.forEachRemaining(kv -> done.add(kv.key));
        done.forEach(skipsStore::delete);
      }
    }
  }

  /** The group's stopped source tables, which no new shadow may tag. */
  private Set<String> stoppedTables() {
    Set<String> stopped = new TreeSet<>();
    for (TableProgress table : tables.values()) {
      if (table.isStopped()) {
        stopped.add(table.table);
      }
    }
    return stopped;
  }

  private void stop(String table, String reason) {
    TableProgress progress = table(table);
    if (!progress.isStopped()) {
      progress.stoppedReason = reason;
      save(progress);
      metrics.tableStopped();
      LOG.error(
          "shadow group {}: table {} STOPPED, its changes go to the dead-letter topic from now on:"
              + " {}",
          settings.group(),
          table,
          reason);
    }
  }

  // ---- dead letters -------------------------------------------------------------------------

  private void deadLetter(Input in, DeadLetters.Reason reason, String detail) {
    deadLetter(in, DeadLetters.headers(reason.name(), detail, in.topic, in.partition, in.offset));
  }

  private void deadLetter(Input in, Map<String, String> headers) {
    forwardDeadLetter(in.key(), in.value(), in.record.headers(), in.record.timestamp(), headers);
  }

  private void deadLetter(PendingChange change, Headers original, String reason, String detail) {
    forwardDeadLetter(
        change.rawKey(),
        change.rawValue(),
        original,
        change.commitMillis(),
        DeadLetters.headers(reason, detail, change.topic(), change.partition(), change.offset()));
  }

  private void deadLetter(PendingChange change, String reason, String detail) {
    deadLetter(change, null, reason, detail);
  }

  private void forwardDeadLetter(
      byte[] key, byte[] value, Headers original, long timestamp, Map<String, String> headers) {
    metrics.deadLetterSent();
    deadLetterLog.record(
        headers.get(DecodeException.HEADER_REASON),
        headers.get(DecodeException.HEADER_TOPIC)
            + "-"
            + headers.get(DecodeException.HEADER_PARTITION)
            + "@"
            + headers.get(DecodeException.HEADER_OFFSET),
        headers.get(DecodeException.HEADER_DETAIL),
        System.nanoTime());
    context.forward(DeadLetters.record(key, value, original, timestamp, headers), DLQ_SINK);
  }
}
