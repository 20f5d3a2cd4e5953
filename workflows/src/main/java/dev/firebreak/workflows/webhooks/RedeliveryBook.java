package dev.firebreak.workflows.webhooks;

import dev.firebreak.workflows.common.Clip;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook retry job's bookkeeping: which events were listed, which are due, which failed how
 * often, which are set aside. An id enters {@code seen} when first listed and never leaves, so a
 * listing that repeats an event (across pages, or again after continue-as-new) never queues it
 * twice. Plain Java, no Temporal: the workflow decides when, this decides what.
 */
final class RedeliveryBook {

  /** Errors kept per event: they go into history, the query and the chat report. */
  static final int ERROR_CHARS = 300;

  private final Instant since;
  private final Set<String> seen;
  private final List<String> seenInOrder;
  private final Deque<String> pending;
  private final Map<String, FailedAttempts> failing;
  private final List<DeadLetter> deadLetters;
  private String cursor;
  private boolean listingDone;
  private boolean truncated;
  private int delivered;
  private int duplicatesSkipped;
  private boolean paused;
  private boolean dryRun;
  private int runs;

  private RedeliveryBook(WebhookRetryLedger ledger) {
    this.since = ledger.since();
    this.seenInOrder = new ArrayList<>(ledger.seen());
    this.seen = new HashSet<>(ledger.seen());
    this.pending = new ArrayDeque<>(ledger.pending());
    this.failing = new LinkedHashMap<>(ledger.failing());
    this.deadLetters = new ArrayList<>(ledger.deadLetters());
    this.cursor = ledger.cursor();
    this.listingDone = ledger.listingDone();
    this.truncated = ledger.truncated();
    this.delivered = ledger.delivered();
    this.duplicatesSkipped = ledger.duplicatesSkipped();
    this.paused = ledger.paused();
    this.dryRun = ledger.dryRun();
    this.runs = ledger.runs();
  }

  static RedeliveryBook start(Instant since) {
    return new RedeliveryBook(
        new WebhookRetryLedger(
            since, null, false, false, List.of(), List.of(), Map.of(), List.of(), 0, 0, false,
            false, 0));
  }

  static RedeliveryBook resume(WebhookRetryLedger ledger) {
    return new RedeliveryBook(ledger);
  }

  /** What continue-as-new carries into the next run. */
  WebhookRetryLedger ledger() {
    return new WebhookRetryLedger(
        since,
        cursor,
        listingDone,
        truncated,
        List.copyOf(seenInOrder),
        List.copyOf(pending),
        Collections.unmodifiableMap(new LinkedHashMap<>(failing)),
        List.copyOf(deadLetters),
        delivered,
        duplicatesSkipped,
        paused,
        dryRun,
        runs);
  }

  // ---- Listing -------------------------------------------------------------------------------

  /**
   * Queues the page's events that were never listed before and moves the cursor past the page.
   * Listing stops at the last page, or once {@code maxRemembered} events are known: every id is
   * carried through continue-as-new, and that payload must stay small.
   */
  void absorb(FailedEventPage page, int maxRemembered) {
    dryRun |= page.dryRun();
    for (String id : page.eventIds()) {
      if (seen.add(id)) {
        seenInOrder.add(id);
        pending.add(id);
      } else {
        duplicatesSkipped++;
      }
    }
    if (!page.eventIds().isEmpty()) {
      cursor = page.eventIds().get(page.eventIds().size() - 1);
    }
    boolean full = seen.size() >= maxRemembered;
    truncated |= full && page.hasMore();
    listingDone = !page.hasMore() || page.eventIds().isEmpty() || full;
  }

  boolean listingOpen() {
    return !listingDone;
  }

  Instant since() {
    return since;
  }

  String cursor() {
    return cursor;
  }

  // ---- Delivering ----------------------------------------------------------------------------

  int pendingCount() {
    return pending.size();
  }

  /** Takes up to {@code max} due events off the queue, oldest listed first. */
  List<String> takeBatch(int max) {
    List<String> batch = new ArrayList<>();
    while (batch.size() < max && !pending.isEmpty()) {
      batch.add(pending.poll());
    }
    return batch;
  }

  /**
   * Records what happened to each event of a batch. An event the outcome does not mention (the
   * activity gave up before reaching it) failed with {@code unsettledError}. A rejected event, or
   * one that failed {@code maxAttempts} times, is set aside; the others wait for the next round.
   *
   * @return the events newly set aside
   */
  List<DeadLetter> settle(
      List<String> batch, RedeliveryOutcome outcome, String unsettledError, int maxAttempts) {
    dryRun |= outcome.dryRun();
    Set<String> settled = new HashSet<>();
    for (String id : outcome.delivered()) {
      if (settled.add(id)) {
        failing.remove(id);
        delivered++;
      }
    }
    List<DeadLetter> setAside = new ArrayList<>();
    for (DeliveryFailure failure : outcome.failed()) {
      if (settled.add(failure.eventId())) {
        fail(failure.eventId(), failure.permanent(), failure.error(), maxAttempts)
            .ifPresent(setAside::add);
      }
    }
    for (String id : batch) {
      if (settled.add(id)) {
        fail(id, false, unsettledError, maxAttempts).ifPresent(setAside::add);
      }
    }
    return setAside;
  }

  private Optional<DeadLetter> fail(String id, boolean permanent, String error, int maxAttempts) {
    String shortError = error == null ? "unknown error" : Clip.of(error, ERROR_CHARS);
    FailedAttempts before = failing.get(id);
    int attempts = before == null ? 1 : before.attempts() + 1;
    if (permanent || attempts >= maxAttempts) {
      failing.remove(id);
      DeadLetter letter = new DeadLetter(id, attempts, shortError);
      deadLetters.add(letter);
      return Optional.of(letter);
    }
    failing.put(id, new FailedAttempts(attempts, shortError));
    return Optional.empty();
  }

  boolean hasFailing() {
    return !failing.isEmpty();
  }

  /** Queues every event that failed and may still be tried, for the next round. */
  void queueRetries() {
    pending.addAll(failing.keySet());
  }

  // ---- Pausing and reporting -----------------------------------------------------------------

  boolean paused() {
    return paused;
  }

  void setPaused(boolean paused) {
    this.paused = paused;
  }

  void countRun() {
    runs++;
  }

  int delivered() {
    return delivered;
  }

  List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  WebhookRetryReport report(String provider, WebhookRetryPhase phase) {
    return new WebhookRetryReport(
        provider,
        phase,
        paused,
        seen.size(),
        delivered,
        duplicatesSkipped,
        failing.size(),
        List.copyOf(deadLetters),
        truncated,
        dryRun,
        runs);
  }
}
