package dev.firebreak.workflows.webhooks;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The webhook retry job. Listing and delivering alternate in batches: the workflow keeps the ledger
 * of event ids and decides what is due; each delivery activity sends one batch, paced to the
 * endpoint's rate, and heartbeats its progress. The next page is listed while a batch is out, so
 * the endpoint is kept busy at its rate instead of waiting on Stripe between batches.
 *
 * <p>History stays bounded whatever the backlog: a run handles {@code batchesPerRun} batches (about
 * ten events of history each) and continues as new with the ledger, whose every listed id is what
 * keeps an event from being delivered twice.
 */
public class WebhookRetryWorkflowImpl implements WebhookRetryWorkflow {

  private static final Logger log = Workflow.getLogger(WebhookRetryWorkflowImpl.class);

  static final String INVALID_REQUEST = "InvalidWebhookRetry";
  static final String JOB_STOPPED = "WebhookRetryStopped";

  /** Stripe lists events of the last 30 days only. */
  static final Duration PROVIDER_RETENTION = Duration.ofDays(30);

  /**
   * Ids are carried through continue-as-new; 40,000 of ~30 bytes keep that input near 1.2 MB, under
   * the 2 MB limit.
   */
  static final int MAX_REMEMBERED_EVENTS = 40_000;

  static final int DEAD_LETTERS_IN_CHAT = 20;
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  /** Listing failed events: shared with a playbook's replay-webhooks action. */
  public static final ActivityOptions LISTING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .build())
          .build();

  private final WebhookActivities webhooks =
      Workflow.newActivityStub(WebhookActivities.class, LISTING);
  private final ChatActivities chat =
      Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY_AWAITED);

  private final WebhookRetryRequest request;
  private final RedeliveryBook book;
  private WebhookRetryPhase phase = WebhookRetryPhase.LISTING;
  private Promise<FailedEventPage> nextPage;

  /** Set up before any handler runs: a pause signalled with the start must find the ledger. */
  @WorkflowInit
  public WebhookRetryWorkflowImpl(WebhookRetryRequest request, WebhookRetryLedger ledger) {
    this.request = request;
    this.book =
        ledger == null
            ? RedeliveryBook.start(
                request.since() != null ? request.since() : now().minus(PROVIDER_RETENTION))
            : RedeliveryBook.resume(ledger);
  }

  @Override
  public WebhookRetryReport run(WebhookRetryRequest request, WebhookRetryLedger ledger) {
    requireUsable(request);
    WebhookDeliveryActivities delivery =
        Workflow.newActivityStub(WebhookDeliveryActivities.class, deliveryOptions(request));
    int batches = 0;
    while (true) {
      Workflow.await(() -> !book.paused());
      if (batches >= request.batchesPerRun() || Workflow.getInfo().isContinueAsNewSuggested()) {
        continueAsNew();
      }
      List<String> batch = nextBatch();
      if (!batch.isEmpty()) {
        deliver(delivery, batch);
        batches++;
      } else if (book.hasFailing()) {
        waitToRetry();
      } else {
        break;
      }
    }
    setPhase(WebhookRetryPhase.FINISHED);
    reportDeadLetters();
    log.info("{} finished: {}", jobId(), describe());
    return progress();
  }

  // ---- The job's steps -----------------------------------------------------------------------

  /** Lists pages until a batch is due (or listing ends), and starts listing the following page. */
  private List<String> nextBatch() {
    while (book.pendingCount() < request.batchSize() && book.listingOpen()) {
      setPhase(WebhookRetryPhase.LISTING);
      Promise<FailedEventPage> page = nextPage != null ? nextPage : listNextPage();
      nextPage = null;
      book.absorb(page.get(), MAX_REMEMBERED_EVENTS);
    }
    if (book.listingOpen() && nextPage == null) {
      nextPage = listNextPage();
    }
    return book.takeBatch(request.batchSize());
  }

  private Promise<FailedEventPage> listNextPage() {
    return Async.function(webhooks::failedEventsPage, book.since(), book.cursor());
  }

  private void deliver(WebhookDeliveryActivities delivery, List<String> batch) {
    setPhase(WebhookRetryPhase.DELIVERING);
    RedeliveryBatch sent =
        new RedeliveryBatch(
            request.provider(),
            request.endpointUrl(),
            request.signingSecret(),
            request.ratePerSecond(),
            batch,
            jobId());
    List<DeadLetter> setAside;
    try {
      setAside =
          book.settle(
              batch, delivery.redeliver(sent), "no outcome reported", request.maxAttempts());
    } catch (ActivityFailure failed) {
      if (failed.getCause() instanceof ApplicationFailure refused && refused.isNonRetryable()) {
        // Nothing can be delivered until a person fixes the job (its secret is not set, say): stop,
        // and leave the events undelivered for the next run rather than setting all of them aside.
        throw ApplicationFailure.newNonRetryableFailure(
            "webhook retry stopped after "
                + book.delivered()
                + " deliveries: "
                + RootCause.message(refused),
            JOB_STOPPED);
      }
      // The events the activity heartbeated as settled keep their outcome; the rest count as failed
      // attempts.
      String error = "delivery activity failed: " + RootCause.message(failed);
      log.warn("{} {}", jobId(), error);
      setAside = book.settle(batch, lastProgress(failed), error, request.maxAttempts());
    }
    setAside.forEach(
        letter ->
            log.warn(
                "{} set {} aside after {} attempt(s): {}",
                jobId(),
                letter.eventId(),
                letter.attempts(),
                letter.lastError()));
  }

  private void waitToRetry() {
    setPhase(WebhookRetryPhase.WAITING_TO_RETRY);
    log.info(
        "{} retrying {} failed events in {}",
        jobId(),
        progress().awaitingRetry(),
        request.retryBackoff());
    Workflow.sleep(request.retryBackoff());
    book.queueRetries();
  }

  private void continueAsNew() {
    if (nextPage != null) {
      book.absorb(nextPage.get(), MAX_REMEMBERED_EVENTS);
      nextPage = null;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    book.countRun();
    log.info("{} continuing as new: {}", jobId(), describe());
    Workflow.newContinueAsNewStub(WebhookRetryWorkflow.class).run(request, book.ledger());
  }

  private void reportDeadLetters() {
    List<DeadLetter> letters = book.deadLetters();
    if (letters.isEmpty()) {
      return;
    }
    String listed =
        letters.stream()
            .limit(DEAD_LETTERS_IN_CHAT)
            .map(
                l ->
                    "• "
                        + l.eventId()
                        + " ("
                        + l.attempts()
                        + " attempt"
                        + (l.attempts() == 1 ? "" : "s")
                        + "): "
                        + l.lastError())
            .collect(Collectors.joining("\n"));
    String more =
        letters.size() > DEAD_LETTERS_IN_CHAT
            ? "\n… and " + (letters.size() - DEAD_LETTERS_IN_CHAT) + " more in the job's result"
            : "";
    String text =
        "⚠️ Webhook retry ("
            + request.provider()
            + "): "
            + letters.size()
            + " event"
            + (letters.size() == 1 ? "" : "s")
            + " could not be delivered to "
            + request.endpointUrl()
            + " and "
            + (letters.size() == 1 ? "was" : "were")
            + " set aside ("
            + describe()
            + "):\n"
            + listed
            + more;
    try {
      chat.post(
          new ThreadMessage(
              jobId() + "/dead-letters", jobId(), request.reportChannel(), null, text));
    } catch (ActivityFailure notPosted) {
      log.warn(
          "{} could not report {} dead letters: {}",
          jobId(),
          letters.size(),
          RootCause.message(notPosted));
    }
  }

  // ---- Signals and query ---------------------------------------------------------------------

  @Override
  public void pause() {
    if (!book.paused()) {
      log.info("{} paused after {} deliveries", jobId(), book.delivered());
    }
    book.setPaused(true);
    showDetails();
  }

  @Override
  public void resume() {
    if (book.paused()) {
      log.info("{} resumed", jobId());
    }
    book.setPaused(false);
    showDetails();
  }

  @Override
  public WebhookRetryReport progress() {
    return book.report(request.provider(), phase);
  }

  // ---- Small rules ---------------------------------------------------------------------------

  private static void requireUsable(WebhookRetryRequest request) {
    if (!WebhookRetryRequest.STRIPE.equals(request.provider())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "webhook retry supports provider 'stripe', not '" + request.provider() + "'",
          INVALID_REQUEST);
    }
    if (request.endpointUrl() == null || request.endpointUrl().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "webhook retry needs the application's endpoint URL", INVALID_REQUEST);
    }
    if (request.signingSecret() == null || request.signingSecret().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "webhook retry needs the endpoint's signing secret as a ${ENV} reference",
          INVALID_REQUEST);
    }
  }

  /**
   * A batch takes {@code batchSize / rate} seconds when the endpoint keeps up; twice that plus two
   * minutes leaves room for its rate limits. The heartbeat notices a dead worker within 30 s.
   */
  public static ActivityOptions deliveryOptions(WebhookRetryRequest request) {
    Duration paced =
        Duration.ofMillis((long) Math.ceil(request.batchSize() * 1000 / request.ratePerSecond()));
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(paced.multipliedBy(2).plus(Duration.ofMinutes(2)))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(3)
                .build())
        .build();
  }

  /** The progress the failed activity last heartbeated, if any. */
  private static RedeliveryOutcome lastProgress(ActivityFailure failed) {
    if (failed.getCause() instanceof TimeoutFailure timeout
        && timeout.getLastHeartbeatDetails().getSize() > 0) {
      return timeout.getLastHeartbeatDetails().get(RedeliveryOutcome.class);
    }
    return RedeliveryOutcome.none();
  }

  private void setPhase(WebhookRetryPhase next) {
    if (phase != next) {
      phase = next;
      showDetails();
    }
  }

  private void showDetails() {
    Workflow.setCurrentDetails(
        "**Webhook retry** ("
            + request.provider()
            + ") · "
            + phase
            + (book.paused() ? " · PAUSED" : "")
            + " · "
            + describe());
  }

  private String describe() {
    WebhookRetryReport p = progress();
    return p.delivered()
        + " of "
        + p.listed()
        + " delivered, "
        + p.duplicatesSkipped()
        + " duplicates skipped, "
        + p.awaitingRetry()
        + " to retry, "
        + p.deadLettered().size()
        + " set aside"
        + (p.truncated() ? ", listing truncated" : "")
        + (p.dryRun() ? " (dry-run)" : "");
  }

  private static String jobId() {
    return Workflow.getInfo().getWorkflowId();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
