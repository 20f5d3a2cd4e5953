package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.webhooks.DeliveryFailure;
import dev.firebreak.workflows.webhooks.FailedWebhookEvent;
import dev.firebreak.workflows.webhooks.FailedWebhookEvents;
import dev.firebreak.workflows.webhooks.RedeliveryBatch;
import dev.firebreak.workflows.webhooks.RedeliveryOutcome;
import dev.firebreak.workflows.webhooks.WebhookActivities;
import dev.firebreak.workflows.webhooks.WebhookDeliveryActivities;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import dev.firebreak.workflows.webhooks.WebhookRetryWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code replay-webhooks} kind: re-delivers the asked Stripe events (by id, or those whose
 * delivery failed in a time range) through the configured webhook-retry job's machinery: its
 * endpoint, signing secret, rate and batch size, its delivery activity (paced, resumable, at most
 * once per event per attempt) and its rules for dead letters (a rejection at once, a failure after
 * the job's maximum attempts). Each event is sent at most once per round, and only while the
 * provider still lists its delivery as failed.
 */
final class WebhookReplayStep {

  /** Stripe keeps events for 30 days; an id older than that cannot be listed as failed. */
  static final Duration PROVIDER_RETENTION = Duration.ofDays(30);

  private static final int DEAD_LETTERS_SHOWN = 10;

  private final ActionStep.ReplayWebhooks replay;
  private final String workflowId;
  private final Consumer<String> step;
  private final Consumer<Delivery> said;

  private int redelivered;
  private int alreadyDelivered;
  private final List<DeliveryFailure> deadLettered = new ArrayList<>();
  private boolean dryRun;

  private WebhookReplayStep(
      ActionStep.ReplayWebhooks replay,
      String workflowId,
      Consumer<String> step,
      Consumer<Delivery> said) {
    this.replay = replay;
    this.workflowId = workflowId;
    this.step = step;
    this.said = said;
  }

  /** True when this history runs the kind (false for one recorded while it was refused). */
  static boolean supported() {
    return Workflow.getVersion(ActionRunVersions.REPLAY_WEBHOOKS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Re-delivers the events; {@code step} gets one line per batch, {@code said} the result.
   *
   * @param workflowId the action run's id, named in the delivery activity's log lines
   */
  static void run(
      ActionStep.ReplayWebhooks replay,
      String workflowId,
      Consumer<String> step,
      Consumer<Delivery> said) {
    new WebhookReplayStep(replay, workflowId, step, said).run();
  }

  private void run() {
    WebhookRetryRequest request =
        Workflow.newActivityStub(
                WebhookReplayActivities.class,
                ActivityOptions.newBuilder(ActivityPolicies.READ)
                    .setSummary("Read the settings of job " + replay.job())
                    .build())
            .settings(replay.job());
    Set<String> failing = new LinkedHashSet<>();
    FailedWebhookEvents listed = failedEvents(failing);
    List<String> asked = asked(failing, listed);
    // An asked id the provider no longer lists as failed was delivered since; it is not sent again.
    // Without a full, live listing nothing can be ruled out, so every asked id is sent.
    boolean listingIsComplete = !listed.truncated() && !listed.dryRun();
    dryRun |= listed.dryRun();
    WebhookDeliveryActivities delivery =
        Workflow.newActivityStub(
            WebhookDeliveryActivities.class,
            ActivityOptions.newBuilder(WebhookRetryWorkflowImpl.deliveryOptions(request))
                .setSummary(
                    "Re-deliver " + request.provider() + " events to " + request.endpointUrl())
                .build());
    Map<String, Integer> attempts = new HashMap<>();
    List<String> due = new ArrayList<>();
    int batch = 0;
    for (int from = 0; from < asked.size(); from += request.batchSize()) {
      List<String> ids = asked.subList(from, Math.min(asked.size(), from + request.batchSize()));
      List<String> send =
          ids.stream().filter(id -> !listingIsComplete || failing.contains(id)).toList();
      int skipped = ids.size() - send.size();
      alreadyDelivered += skipped;
      due.addAll(deliver(++batch, delivery, request, send, skipped, attempts));
    }
    while (!due.isEmpty()) {
      step.accept(
          due.size()
              + " event(s) failed and are tried again in "
              + HumanDuration.of(request.retryBackoff()));
      Workflow.sleep(request.retryBackoff());
      List<String> again = List.copyOf(due);
      due.clear();
      for (int from = 0; from < again.size(); from += request.batchSize()) {
        List<String> ids = again.subList(from, Math.min(again.size(), from + request.batchSize()));
        due.addAll(deliver(++batch, delivery, request, ids, 0, attempts));
      }
    }
    said.accept(new Delivery(dryRun, summary(request, asked.size())));
  }

  /** The provider's failed events since the range's start (or as far back as it keeps them). */
  private FailedWebhookEvents failedEvents(Set<String> failing) {
    Instant since =
        replay.timeRange() != null
            ? ActionParameters.parseTimeRange(replay.timeRange()).from()
            : Instant.ofEpochMilli(Workflow.currentTimeMillis()).minus(PROVIDER_RETENTION);
    FailedWebhookEvents listed =
        Workflow.newActivityStub(
                WebhookActivities.class,
                ActivityOptions.newBuilder(WebhookRetryWorkflowImpl.LISTING)
                    .setSummary("List events whose delivery failed since " + since)
                    .build())
            .failedWebhookEvents(since);
    listed.events().forEach(event -> failing.add(event.id()));
    return listed;
  }

  /** The ids asked for, each once: the given list, or the failed events in the range. */
  private List<String> asked(Set<String> failing, FailedWebhookEvents listed) {
    Set<String> ids = new LinkedHashSet<>();
    if (replay.timeRange() != null) {
      ActionParameters.TimeRange range = ActionParameters.parseTimeRange(replay.timeRange());
      for (FailedWebhookEvent event : listed.events()) {
        if (!event.created().isBefore(range.from()) && event.created().isBefore(range.to())) {
          ids.add(event.id());
        }
      }
      step.accept(
          ids.size()
              + " event(s) failed delivery between "
              + range.from()
              + " and "
              + range.to()
              + (listed.truncated() ? " (the provider's listing was truncated)" : ""));
    } else {
      for (String id : replay.eventIds().split(",")) {
        if (!id.isBlank()) {
          ids.add(id.strip());
        }
      }
      step.accept(
          ids.size()
              + " event(s) asked for, "
              + ids.stream().filter(failing::contains).count()
              + " of them listed by the provider as failed");
    }
    return List.copyOf(ids);
  }

  /** Sends one batch and logs its counts; returns the ids to try again. */
  private List<String> deliver(
      int number,
      WebhookDeliveryActivities delivery,
      WebhookRetryRequest request,
      List<String> ids,
      int skipped,
      Map<String, Integer> attempts) {
    List<String> retry = new ArrayList<>();
    int sent = 0;
    int dead = 0;
    if (!ids.isEmpty()) {
      RedeliveryOutcome outcome =
          delivery.redeliver(
              new RedeliveryBatch(
                  request.provider(),
                  request.endpointUrl(),
                  request.signingSecret(),
                  request.ratePerSecond(),
                  ids,
                  workflowId));
      dryRun |= outcome.dryRun();
      sent = outcome.delivered().size();
      for (DeliveryFailure failure : outcome.failed()) {
        int tries = attempts.merge(failure.eventId(), 1, Integer::sum);
        if (failure.permanent() || tries >= request.maxAttempts()) {
          deadLettered.add(failure);
          dead++;
        } else {
          retry.add(failure.eventId());
        }
      }
    }
    redelivered += sent;
    step.accept(
        "Batch "
            + number
            + ": "
            + sent
            + " re-delivered, "
            + skipped
            + " already delivered, "
            + dead
            + " dead-lettered"
            + (retry.isEmpty() ? "" : ", " + retry.size() + " to retry"));
    return retry;
  }

  private String summary(WebhookRetryRequest request, int asked) {
    StringBuilder text =
        new StringBuilder("Replayed ")
            .append(asked)
            .append(" ")
            .append(request.provider())
            .append(" event(s) to ")
            .append(request.endpointUrl())
            .append(": ")
            .append(redelivered)
            .append(" re-delivered, ")
            .append(alreadyDelivered)
            .append(" already delivered, ")
            .append(deadLettered.size())
            .append(" dead-lettered");
    if (!deadLettered.isEmpty()) {
      List<String> shown =
          deadLettered.stream()
              .limit(DEAD_LETTERS_SHOWN)
              .map(f -> f.eventId() + " (" + f.error() + ")")
              .toList();
      text.append(" (").append(Clip.of(String.join("; ", shown), 1000)).append(')');
    }
    return text.toString();
  }
}
