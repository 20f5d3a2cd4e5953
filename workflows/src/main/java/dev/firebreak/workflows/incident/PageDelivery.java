package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.oncall.OnCallPagingActivities;
import dev.firebreak.workflows.oncall.ScheduleTargets;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  private final Escalation escalation;
  private final IncidentEffects effects;
  private final IncidentChanges changes;
  private boolean followsUpAfterPages;
  private int pagesInFlight;

  /**
   * Escalation pages not yet answered by their provider; follow-ups wait for them
   * (IncidentVersions#FOLLOW_UP_AFTER_PAGES).
   */
  private int triggersInFlight;

  /**
   * Why the ack timeout was cut short: the level paged last reached nobody (its schedules had
   * nobody on call), so the escalation moves on at once rather than leave the incident with nobody
   * paged.
   */
  private String movedOnBecause;

  PageDelivery(
      Incident incident,
      IncidentPolicy policy,
      Pager pager,
      Escalation escalation,
      IncidentEffects effects,
      IncidentChanges changes) {
    this.incident = incident;
    this.policy = policy;
    this.pager = pager;
    this.escalation = escalation;
    this.effects = effects;
    this.changes = changes;
  }

  /**
   * Asks the version this run's follow-ups follow; right after {@link IncidentEffects#startRun()},
   * in the order the first run asked.
   */
  void startRun() {
    followsUpAfterPages = changes.on(IncidentVersions.FOLLOW_UP_AFTER_PAGES);
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
    int round = incident.escalation.round();
    page(
        Pager.escalationKey(incident, level),
        target,
        Pager.levelLabel(level, target),
        reason,
        () -> reachedNobody(level, round, target));
  }

  /**
   * The reason the next level is paged early because the last one reached nobody, once; null when
   * the ack timeout simply expired.
   */
  String takeMovedOnReason() {
    String reason = movedOnBecause;
    movedOnBecause = null;
    return reason;
  }

  /**
   * A level whose targets all resolved to nobody: unless it was acknowledged or the escalation
   * moved on meanwhile, the ack timeout expires now when a later level of the round pages, so that
   * level is paged at once (see {@link Escalation#pagesLaterInRound}).
   */
  private void reachedNobody(int level, int round, EscalationLevel target) {
    Escalation.State state = incident.escalation;
    if (incident.status() != IncidentStatus.DECLARED
        || state.nextAt() == null
        || state.level() != level
        || state.round() != round
        || !escalation.pagesLaterInRound(level, round, incident.severity())) {
      return;
    }
    movedOnBecause = "level " + (level + 1) + " (" + target.name() + ") reached nobody";
    incident.escalation = state.withNextAt(IncidentEffects.now());
  }

  /** Pages {@code level} for the updates missed in a row. */
  void pageForMissedUpdates(int level, Instant now) {
    EscalationLevel target = pager.recordMissedUpdatePage(incident, level, now);
    page(
        Pager.missedUpdateKey(incident),
        target,
        Pager.levelLabel(level, target),
        Escalation.missedUpdateReason(incident.updates.missed()),
        () -> {});
    IncidentMetrics.escalated(incident.severity(), "missed-update");
    log.warn("{} missed update escalated to {}", incident.id(), target.name());
  }

  /**
   * Pages the level's targets. Since {@link IncidentVersions#SCHEDULE_TARGETS} its {@code
   * schedule:} targets are resolved to the people on call (see {@link OnCallTargets}); since {@link
   * IncidentVersions#ONCALL_PAGING} by the page's own activity. When that leaves nobody, nothing is
   * paged and {@code reachedNobody} runs.
   *
   * @param label how the timeline names the level when it tells who a schedule put on call
   */
  private void page(
      String key, EscalationLevel level, String label, String reason, Runnable reachedNobody) {
    ActivityOptions options =
        ActivityOptions.newBuilder(PAGING)
            .setSummary("Page " + level.name() + ": " + reason)
            .build();
    MessageRef message = incident.chat.incidentMessage();
    PageRequest request =
        pager.request(incident, message, key, level, reason, effects.inIncidentRoom(message));
    Promise<Delivery> page;
    if (!ScheduleTargets.any(level.targets()) || !resolvesSchedules()) {
      PagingActivities paging = Workflow.newActivityStub(PagingActivities.class, options);
      page = Async.function(paging::page, request);
    } else if (changes.pagesOnCallInOneActivity()) {
      OnCallPagingActivities paging =
          Workflow.newActivityStub(OnCallPagingActivities.class, options);
      page =
          Async.function(paging::page, request, IncidentEffects.now())
              .thenApply(
                  paged -> {
                    paged
                        .answers()
                        .forEach(answer -> OnCallTargets.record(incident, label, answer));
                    if (paged.delivery() == null) {
                      reachedNobody.run();
                    }
                    return paged.delivery();
                  });
    } else {
      PagingActivities paging = Workflow.newActivityStub(PagingActivities.class, options);
      page =
          Async.function(
              () -> {
                List<String> people = OnCallTargets.resolve(incident, level.targets(), label);
                if (people.isEmpty()) {
                  reachedNobody.run();
                  return null;
                }
                return paging.page(request.withTargets(people));
              });
    }
    triggersInFlight++;
    page.handle((delivery, failure) -> triggersInFlight--);
    fireAndRecord(page, "page " + level.name(), key);
  }

  /**
   * Asked only when a level with a schedule target pages: no run before the change could have one,
   * since the config check refused {@code schedule:} targets until then.
   */
  private boolean resolvesSchedules() {
    return changes.on(IncidentVersions.SCHEDULE_TARGETS);
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
