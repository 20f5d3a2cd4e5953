package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PagingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Sends the pages {@link Escalation} and {@link Pager} decide on, and their follow-ups, as
 * activities: fire-and-record, so a slow paging provider never delays the loop or a command's
 * answer, and what came of each page goes into the timeline.
 */
final class PageDelivery {

  private static final Logger log = Workflow.getLogger(PageDelivery.class);

  /** A page is a post that keeps trying for an hour: waking someone late beats not waking them. */
  private static final ActivityOptions PAGING =
      ActivityOptions.newBuilder(ActivityPolicies.NOTIFY)
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .build();

  private final Incident incident;
  private final IncidentPolicy policy;
  private final Pager pager;
  private final IncidentEffects effects;
  private boolean followsUpAfterPages;
  private int pagesInFlight;

  /**
   * Escalation pages not yet answered by their provider; follow-ups wait for them
   * (IncidentVersions#FOLLOW_UP_AFTER_PAGES).
   */
  private int triggersInFlight;

  PageDelivery(Incident incident, IncidentPolicy policy, Pager pager, IncidentEffects effects) {
    this.incident = incident;
    this.policy = policy;
    this.pager = pager;
    this.effects = effects;
  }

  /**
   * Asks the version this run's follow-ups follow; right after {@link IncidentEffects#startRun()},
   * in the order the first run asked.
   */
  void startRun() {
    followsUpAfterPages =
        Workflow.getVersion(IncidentVersions.FOLLOW_UP_AFTER_PAGES, Workflow.DEFAULT_VERSION, 1)
            >= 1;
  }

  boolean settled() {
    return pagesInFlight == 0;
  }

  /** Pages {@code level} of the chain now (the declaration's page or the ack timeout's). */
  void pageLevel(int level, String reason, Instant now) {
    String text = pager.record(incident, level, reason, now);
    EscalationLevel target = policy.escalation().get(level);
    if (Pager.isEscalation(incident, level)) {
      IncidentMetrics.escalated(incident.severity(), "no-ack");
    }
    log.info("{} {}", incident.id(), text);
    page(Pager.escalationKey(incident, level), target, reason);
  }

  /** Pages {@code level} for the updates missed in a row. */
  void pageForMissedUpdates(int level, Instant now) {
    EscalationLevel target = pager.recordMissedUpdatePage(incident, level, now);
    page(
        Pager.missedUpdateKey(incident),
        target,
        Escalation.missedUpdateReason(incident.updates.missed()));
    IncidentMetrics.escalated(incident.severity(), "missed-update");
    log.warn("{} missed update escalated to {}", incident.id(), target.name());
  }

  private void page(String key, EscalationLevel level, String reason) {
    PagingActivities paging =
        Workflow.newActivityStub(
            PagingActivities.class,
            ActivityOptions.newBuilder(PAGING)
                .setSummary("Page " + level.name() + ": " + reason)
                .build());
    boolean inRoom = effects.inIncidentRoom(incident.chat.incidentMessage());
    Promise<Delivery> page =
        Async.function(paging::page, pager.request(incident, key, level, reason, inRoom));
    triggersInFlight++;
    page.handle((delivery, failure) -> triggersInFlight--);
    fireAndRecord(page, "page " + level.name(), key);
  }

  /**
   * Tells the paging providers that keep an incident of their own (PagerDuty) that this one was
   * acknowledged or resolved, so their escalation stops too. Fire-and-record, like a page. Since
   * {@link IncidentVersions#FOLLOW_UP_AFTER_PAGES} it waits for the pages still on their way.
   */
  void followUp(String by, boolean resolved) {
    if (!effects.providersEnabled() || !Pager.followsUp(incident)) {
      return;
    }
    String action = resolved ? "resolve" : "acknowledge";
    PageFollowUp followUp = pager.followUp(incident, by);
    PagingActivities paging =
        Workflow.newActivityStub(
            PagingActivities.class,
            ActivityOptions.newBuilder(PAGING).setSummary("Paging providers: " + action).build());
    Promise<Delivery> call;
    if (!followsUpAfterPages) {
      call =
          resolved
              ? Async.function(paging::resolved, followUp)
              : Async.function(paging::acknowledged, followUp);
    } else {
      call =
          Async.function(
              () -> {
                Workflow.await(() -> triggersInFlight == 0);
                return resolved ? paging.resolved(followUp) : paging.acknowledged(followUp);
              });
    }
    fireAndRecord(call, action + " the page", incident.id() + "/" + action);
  }

  /** Records where a page (or its follow-up) went, or that it failed; never blocks the caller. */
  private void fireAndRecord(Promise<Delivery> call, String what, String key) {
    pagesInFlight++;
    call.handle(
        (delivery, failure) -> {
          pagesInFlight--;
          if (failure != null) {
            incident.record(
                IncidentEffects.now(),
                "page-failed",
                null,
                "Could not " + what + ": " + RootCause.message(failure));
            log.error("{} {} failed: {}", incident.id(), key, RootCause.message(failure));
          } else if (delivery != null && !delivery.dryRun()) {
            incident.record(IncidentEffects.now(), "page-delivery", null, delivery.detail());
          } else {
            effects.recordDryRun(delivery);
          }
          return null;
        });
  }
}
