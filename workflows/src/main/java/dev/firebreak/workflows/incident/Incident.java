package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One incident inside its workflow: its declaration and one immutable record per runbook step (the
 * records {@link IncidentProgress} carries across continue-as-new), plus the timeline. A step
 * changes the incident by replacing its record with an updated value, so a new field is one edit in
 * its record; the rules are in the step classes.
 */
final class Incident {

  /** Keeps history payloads small: a long incident keeps its first and its latest entries. */
  static final int MAX_TIMELINE = 400;

  private static final int KEPT_FROM_START = 40;

  final Declaration declaration;
  Lifecycle lifecycle;
  Escalation.State escalation;
  UpdateCadence.State updates;
  IncidentDiagnostics.State assessment;
  Monitoring.State monitoring;
  PostMortemReminders.State postMortem;
  ChatLane.State chat;
  PublicStatus.State publicPage;

  /** Counts the alert deliveries of an incident an alert opened; null for others. */
  AlertTally alerts;

  /** The playbook the incident follows; null while it has none. */
  IncidentPlaybook playbook;

  private final List<TimelineEntry> timeline;

  private Incident(Declaration declaration, IncidentProgress progress) {
    this.declaration = declaration;
    lifecycle = progress.lifecycle();
    escalation = progress.escalation();
    updates = progress.updates();
    assessment = progress.assessment();
    monitoring = progress.monitoring();
    postMortem = progress.postMortem();
    chat = progress.chat();
    publicPage = progress.publicPage();
    timeline = new ArrayList<>(progress.timeline());
    alerts = progress.alerts();
    playbook = progress.playbook();
  }

  /**
   * A brand-new incident, declared when the request was made ({@code declaration.declaredAt()}, set
   * by whoever started it), or, when the declaration carries no time, at the first workflow task.
   */
  static Incident declare(Declaration declaration, Instant now) {
    Declaration stamped =
        declaration.declaredAt() == null ? declaration.issued(declaration.id(), now) : declaration;
    Incident incident = new Incident(stamped, IncidentProgress.fresh(stamped));
    incident.record(
        stamped.declaredAt(), "declared", declaration.declaredBy(), describeDeclaration(stamped));
    return incident;
  }

  static Incident resume(Declaration declaration, IncidentProgress progress) {
    return new Incident(declaration, progress);
  }

  /** What continue-as-new carries: each step's record. */
  IncidentProgress progress() {
    return new IncidentProgress(
        lifecycle,
        escalation,
        updates,
        assessment,
        monitoring,
        postMortem,
        chat,
        publicPage,
        List.copyOf(timeline),
        alerts,
        playbook);
  }

  String id() {
    return declaration.id();
  }

  Instant declaredAt() {
    return declaration.declaredAt();
  }

  IncidentStatus status() {
    return lifecycle.status();
  }

  Severity severity() {
    return lifecycle.severity();
  }

  boolean isAcknowledged() {
    return lifecycle.acknowledgedAt() != null;
  }

  /** The timeline so far, oldest first; read-only. */
  List<TimelineEntry> timeline() {
    return Collections.unmodifiableList(timeline);
  }

  void record(Instant at, String kind, String actor, String text) {
    timeline.add(new TimelineEntry(at, kind, actor, Clip.of(text, Clip.HISTORY_TEXT)));
    if (timeline.size() > MAX_TIMELINE) {
      timeline.remove(KEPT_FROM_START);
    }
  }

  /**
   * Counts an alert delivery. A change of state (firing, resolved) is a new timeline line; a repeat
   * of the same state rewrites the latest alert line with the new count and payload, so a storm
   * keeps the timeline (and the history payloads) small.
   */
  void recordAlert(Instant at, AlertReceived alert) {
    alerts = (alerts == null ? AlertTally.NONE : alerts).with(at, alert);
    String kind = alert.firing() ? "alert-firing" : "alert-resolved";
    int count = alert.firing() ? alerts.firings() : alerts.resolutions();
    String text =
        alert.source()
            + " alert "
            + (alert.firing() ? "firing" : "resolved")
            + " ("
            + count
            + (count == 1 ? " delivery" : " deliveries")
            + "): "
            + alert.title()
            + (alert.detail() == null || alert.detail().isBlank() ? "" : " — " + alert.detail())
            + (alert.payload() == null ? "" : "\nLatest payload: " + alert.payload());
    int last = timeline.size() - 1;
    while (last >= 0 && !timeline.get(last).kind().startsWith("alert-")) {
      last--;
    }
    if (last >= 0 && timeline.get(last).kind().equals(kind)) {
      timeline.set(
          last, new TimelineEntry(at, kind, alert.source(), Clip.of(text, Clip.HISTORY_TEXT)));
    } else {
      record(at, kind, alert.source(), text);
    }
  }

  /** A unique, replay-stable key for the next outbound message of this incident. */
  String nextMessageKey(String step) {
    chat = chat.withNextKey();
    return id() + "/" + step + "-" + chat.messageCounter();
  }

  Duration timeToAcknowledge() {
    Instant at = lifecycle.acknowledgedAt();
    return at == null ? null : Duration.between(declaredAt(), at);
  }

  Duration timeToResolve() {
    Instant at = lifecycle.resolvedAt();
    return at == null ? null : Duration.between(declaredAt(), at);
  }

  IncidentView view() {
    ResponderUpdate latest = updates.latest();
    return new IncidentView(
        id(),
        declaration.title(),
        lifecycle.severity(),
        declaration.service(),
        lifecycle.status(),
        lifecycle.commander(),
        declaration.declaredBy(),
        declaredAt(),
        lifecycle.acknowledgedBy(),
        lifecycle.acknowledgedAt(),
        lifecycle.resolvedAt(),
        lifecycle.closedAt(),
        latest == null ? null : latest.describe(),
        escalation.level() + 1,
        escalation.round(),
        assessment.suggestions(),
        lifecycle.mitigations(),
        List.copyOf(timeline),
        alerts,
        playbook == null ? null : playbook.view());
  }

  private static String describeDeclaration(Declaration d) {
    StringBuilder text =
        new StringBuilder(d.severity() + " declared on " + d.service() + ": " + d.title());
    if (d.description() != null && !d.description().isBlank()) {
      text.append(" (").append(d.description()).append(")");
    }
    return text.toString();
  }
}
