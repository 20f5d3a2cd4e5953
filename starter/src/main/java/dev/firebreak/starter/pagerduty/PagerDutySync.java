package dev.firebreak.starter.pagerduty;

import dev.firebreak.starter.incidents.IncidentAction;
import dev.firebreak.starter.incidents.IncidentUpdates;
import dev.firebreak.starter.service.Digests;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.Note;
import dev.firebreak.workflows.incident.Resolution;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an event from PagerDuty does to the incident it names: an acknowledgement there acknowledges
 * here (so escalation stops in both), a resolve there resolves here, unless the health checks fail,
 * when the incident stays open with a note saying so; unacknowledging or reopening there is a note
 * here. Every other event type is ignored.
 *
 * <p>An event whose state the incident already has changes nothing (the incident's own validator
 * refuses a second acknowledgement or resolve, and the refusal is logged): that is also what stops
 * the echo of our own acknowledgement, which reaches PagerDuty through the Events API and comes
 * back as an {@code incident.acknowledged}, from turning into a second one. An event for an
 * incident Firebreak does not know is logged and ignored. Only a Temporal that does not answer
 * fails the delivery, so PagerDuty delivers it again.
 */
final class PagerDutySync {

  private static final Logger log = LoggerFactory.getLogger(PagerDutySync.class);

  /** A PagerDuty user's name, clipped: the agent travels into the incident's history. */
  private static final int MAX_AGENT = 200;

  /** Longer webhook ids become their digest in the update id (Temporal limits ids' length). */
  private static final int MAX_ID = 100;

  private final IncidentUpdates updates;
  private final TemporalFailures failures = new TemporalFailures();
  private final Duration acceptWithin;

  /**
   * @param acceptWithin how long an incident may take to accept an acknowledgement or resolve;
   *     below PagerDuty's 5 s, so a slow Temporal fails the delivery (and PagerDuty retries it)
   *     rather than PagerDuty giving up on the answer
   */
  PagerDutySync(IncidentUpdates updates, Duration acceptWithin) {
    this.updates = updates;
    this.acceptWithin = acceptWithin;
  }

  /**
   * Applies the event; returns what became of it, for the answer and the log.
   *
   * @param deliveryId the delivery's {@code X-Webhook-Id} (or the event's id), which names the
   *     update so Temporal applies a delivery once even across processes; null when there is none
   */
  String apply(PagerDutyEvent event, String deliveryId) {
    String type = event.type() == null ? "" : event.type();
    boolean known =
        switch (type) {
          case PagerDutyEvent.ACKNOWLEDGED,
              PagerDutyEvent.RESOLVED,
              PagerDutyEvent.UNACKNOWLEDGED,
              PagerDutyEvent.REOPENED ->
              true;
          default -> false;
        };
    if (!known) {
      log.info("PagerDuty event {} ({}) ignored: Firebreak does not act on it", event.id(), type);
      return "ignored";
    }
    String id = event.incidentKey();
    if (id == null) {
      log.info(
          "PagerDuty {} for incident {} ignored: it has no incident_key, so no Firebreak trigger"
              + " opened it",
          type,
          event.incident());
      return "unknown_incident";
    }
    String by = by(event);
    String updateId =
        "pagerduty-" + (deliveryId == null ? UUID.randomUUID().toString() : shortened(deliveryId));
    try {
      return switch (type) {
        case PagerDutyEvent.ACKNOWLEDGED -> acknowledge(event, id, by, updateId);
        case PagerDutyEvent.RESOLVED -> resolve(event, id, by, updateId);
        case PagerDutyEvent.UNACKNOWLEDGED ->
            note(
                id,
                by,
                "Unacknowledged in PagerDuty (incident "
                    + event.incident()
                    + "): PagerDuty escalates it again; Firebreak keeps its own state.");
        default ->
            note(
                id,
                by,
                "Reopened in PagerDuty (incident "
                    + event.incident()
                    + "); reopen it here too if it is not fixed.");
      };
    } catch (RuntimeException e) {
      return unchanged(event, id, e);
    }
  }

  private String acknowledge(PagerDutyEvent event, String id, String by, String updateId) {
    throwIfRefused(
        updates.accept(
            id, IncidentAction.ACKNOWLEDGE, new Acknowledgement(by), updateId, acceptWithin));
    log.info("{} acknowledged in PagerDuty (incident {}) by {}", id, event.incident(), by);
    return "acknowledged";
  }

  /**
   * The resolve runs the health checks, which may take longer than PagerDuty waits for an answer:
   * it is accepted now and its outcome handled when the checks are done.
   */
  private String resolve(PagerDutyEvent event, String id, String by, String updateId) {
    CompletableFuture<IncidentView> resolved =
        updates.accept(
            id,
            IncidentAction.RESOLVE,
            new Resolution(by, "Resolved in PagerDuty (incident " + event.incident() + ")", null),
            updateId,
            acceptWithin);
    if (healthRefusal(failureOf(resolved)) == null) {
      throwIfRefused(resolved);
    }
    resolved.whenComplete(
        (view, failure) -> {
          if (failure == null) {
            log.info("{} resolved in PagerDuty (incident {}) by {}", id, event.incident(), by);
          } else {
            notResolved(event, id, by, failure);
          }
        });
    return "resolving";
  }

  /**
   * An update the incident refused at once (its validator: already acknowledged, already resolved)
   * comes back failed already; that refusal is thrown here.
   */
  private static void throwIfRefused(CompletableFuture<IncidentView> result) {
    Throwable failure = failureOf(result);
    if (failure != null) {
      throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
    }
  }

  /** Why the update failed, when it has failed already; null while it runs or when it succeeded. */
  private static Throwable failureOf(CompletableFuture<IncidentView> result) {
    if (!result.isCompletedExceptionally()) {
      return null;
    }
    try {
      result.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    } catch (CancellationException e) {
      return e;
    }
  }

  /** The health checks' refusal of a resolve; null for any other failure (or none). */
  private static ApplicationFailure healthRefusal(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return cause instanceof WorkflowUpdateException update
            && update.getCause() instanceof ApplicationFailure refusal
            && Refusals.RESOLVE_REFUSED.equals(refusal.getType())
        ? refusal
        : null;
  }

  /**
   * The incident refused the resolve after accepting it: its health checks fail. The refusal is on
   * the timeline already; the note says PagerDuty's side of it, so nobody takes the resolved
   * PagerDuty incident for the end of this one.
   */
  private void notResolved(PagerDutyEvent event, String id, String by, Throwable failure) {
    ApplicationFailure refusal = healthRefusal(failure);
    if (refusal == null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      log.info(
          "{} resolved in PagerDuty (incident {}) did not resolve here: {}",
          id,
          event.incident(),
          cause instanceof WorkflowUpdateException update && update.getCause() != null
              ? RootCause.message(update.getCause())
              : String.valueOf(cause));
      return;
    }
    log.info(
        "{} resolved in PagerDuty (incident {}) but stays open: {}",
        id,
        event.incident(),
        RootCause.message(refusal));
    try {
      updates.addNote(
          id,
          new Note(
              by,
              "Resolved in PagerDuty (incident "
                  + event.incident()
                  + "), but the health checks fail here, so the incident stays open: "
                  + RootCause.message(refusal)));
    } catch (RuntimeException e) {
      log.warn("{}: the note about PagerDuty's resolve was not added: {}", id, e.toString());
    }
  }

  private String note(String id, String by, String text) {
    updates.addNote(id, new Note(by, text));
    log.info("{}: PagerDuty note added ({})", id, text);
    return "noted";
  }

  /**
   * The event changes nothing when the incident already has its state (a refused update) or is not
   * Firebreak's; anything else (Temporal unreachable or slow) fails the delivery, and PagerDuty
   * sends it again.
   */
  private String unchanged(PagerDutyEvent event, String id, RuntimeException e) {
    Refusal refusal = failures.toRefusal(e, id);
    if (refusal.status() == 409) {
      log.info("PagerDuty {} for {} changes nothing: {}", event.type(), id, refusal.getMessage());
      return "unchanged";
    }
    if (refusal.status() == 404) {
      log.info(
          "PagerDuty {} for incident {} ignored: no open Firebreak incident '{}'",
          event.type(),
          event.incident(),
          id);
      return "unknown_incident";
    }
    throw refusal;
  }

  /** Who acted, as the incident records it: {@code PagerDuty: <agent>}. */
  private static String by(PagerDutyEvent event) {
    return event.agent() == null ? "PagerDuty" : "PagerDuty: " + Clip.of(event.agent(), MAX_AGENT);
  }

  private static String shortened(String deliveryId) {
    return deliveryId.length() <= MAX_ID ? deliveryId : Digests.sha256Hex(deliveryId);
  }
}
