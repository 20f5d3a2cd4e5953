package dev.firebreak.workflows.incident;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The alert paths of a running incident: each delivery of its alert is counted (never paged: the
 * first firing's page is the declaration's) and does what {@link AlertIntake} decides. A firing
 * during monitoring or the post-mortem reopens the incident; a resolution resolves it at the loop's
 * next wake-up when the alert's config says so; a firing once it closed opens the next incident
 * when this run ends.
 */
final class RunningIncidentAlerts {

  private static final Logger log = Workflow.getLogger(RunningIncidentAlerts.class);

  private final Incident incident;
  private final IncidentPolicy policy;
  private final IncidentEffects effects;
  private final Deadlines deadlines;
  private final BiConsumer<String, String> reopen;
  private final Consumer<Resolution> resolve;
  private final IncidentChanges changes;

  /**
   * The sender of an alert whose resolution resolves the incident at the next wake-up; null
   * otherwise.
   */
  private String resolvedBy;

  private AlertReceived firedAfterClose;

  /**
   * @param reopen reopens the incident into mitigating: who (the alert's source) and why
   * @param resolve a responder's resolve, refused with an {@link ApplicationFailure} while health
   *     checks fail
   */
  RunningIncidentAlerts(
      Incident incident,
      IncidentPolicy policy,
      IncidentEffects effects,
      Deadlines deadlines,
      BiConsumer<String, String> reopen,
      Consumer<Resolution> resolve,
      IncidentChanges changes) {
    this.changes = changes;
    this.incident = incident;
    this.policy = policy;
    this.effects = effects;
    this.deadlines = deadlines;
    this.reopen = reopen;
    this.resolve = resolve;
  }

  /** One delivery of the incident's alert, as the alert signal brings it. */
  void received(AlertReceived alert) {
    if (alert == null
        || IncidentCommandRules.isBlank(alert.fingerprint())
        || IncidentCommandRules.isBlank(alert.title())) {
      log.warn("{} ignored an alert without fingerprint or title", incident.id());
      return;
    }
    boolean actsOnAlerts = changes.on(IncidentVersions.ALERT_INTAKE);
    incident.recordAlert(IncidentEffects.now(), alert);
    if (!actsOnAlerts) {
      return;
    }
    switch (AlertIntake.decide(incident.status(), alert)) {
      case REOPEN -> {
        reopen.accept(alert.source(), "its alert fired again (" + alert.title() + ")");
        log.warn("{} reopened: its alert fired again", incident.id());
      }
      case NEXT_INCIDENT -> firedAfterClose = alert;
      case RESOLVE -> {
        resolvedBy = alert.source();
        deadlines.interrupt();
      }
      case COUNT_ONLY -> {}
    }
  }

  /**
   * The alert resolved and the config lets that resolve the incident: the same resolve a responder
   * asks for, so it is refused (and says so in the timeline) while health checks fail.
   */
  void resolveIfTheAlertResolved() {
    String by = resolvedBy;
    resolvedBy = null;
    if (by == null || !incident.status().isOpen()) {
      return;
    }
    try {
      resolve.accept(AlertIntake.resolution(incident.alerts, by));
    } catch (ApplicationFailure refused) {
      log.info("{} not resolved by its alert: {}", incident.id(), refused.getOriginalMessage());
    }
  }

  /**
   * A firing after the incident closed is a new incident, not a line in an old post-mortem. The
   * workflow id is the alert's deduplication key, so the new incident continues this workflow as
   * new (under the same id) and counts the firing as its first alert. Does nothing when the alert
   * did not fire again.
   */
  void openNextIncidentIfItFiredAgain() {
    AlertReceived alert = firedAfterClose;
    if (alert == null) {
      return;
    }
    Declaration next = AlertIntake.nextDeclaration(incident, alert);
    log.info(
        "{} closed; its alert fired again, so a new incident opens under the same id",
        incident.id());
    effects.continueAsNew(
        next, next.severity(), IncidentEffects.now(), new IncidentInput(next, policy, null, alert));
  }
}
