package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live, mutable state of one incident inside its workflow, as the runbook steps change it. It
 * is loaded from and saved as {@link IncidentProgress} (one record per step) across
 * continue-as-new; the rules are in the step classes.
 */
final class Incident {

  /** Keeps history payloads small: a long incident keeps its first and its latest entries. */
  static final int MAX_TIMELINE = 400;

  private static final int KEPT_FROM_START = 40;

  final Declaration declaration;
  IncidentStatus status;
  Severity severity;
  String commander;
  MessageRef incidentMessage;
  String acknowledgedBy;
  Instant acknowledgedAt;
  int escalationLevel;
  int escalationRound;
  Instant nextEscalationAt;
  Instant lastUpdateAt;
  int missedUpdates;
  int updatesPosted;
  ResponderUpdate latestUpdate;
  boolean assessed;
  List<Suggestion> suggestions;
  List<Mitigation> mitigations;
  Instant resolvedAt;
  String resolvedBy;
  String resolutionSummary;
  Instant monitoringEndsAt;
  Instant nextHealthCheckAt;
  PostMortemInput postMortemInput;
  Instant postMortemPostedAt;
  Instant nextPostMortemReminderAt;
  int postMortemReminders;
  Instant closedAt;
  String reviewedBy;
  int messageCounter;
  List<TimelineEntry> timeline;
  PublicIncidentRef publicIncident;
  String publicStatus;
  AlertTally alerts;

  private Incident(Declaration declaration, IncidentProgress p) {
    this.declaration = declaration;
    Lifecycle life = p.lifecycle();
    status = life.status();
    severity = life.severity();
    commander = life.commander();
    acknowledgedBy = life.acknowledgedBy();
    acknowledgedAt = life.acknowledgedAt();
    mitigations = new ArrayList<>(life.mitigations());
    resolvedAt = life.resolvedAt();
    resolvedBy = life.resolvedBy();
    resolutionSummary = life.resolutionSummary();
    reviewedBy = life.reviewedBy();
    closedAt = life.closedAt();
    escalationLevel = p.escalation().level();
    escalationRound = p.escalation().round();
    nextEscalationAt = p.escalation().nextAt();
    lastUpdateAt = p.updates().lastUpdateAt();
    missedUpdates = p.updates().missed();
    updatesPosted = p.updates().posted();
    latestUpdate = p.updates().latest();
    assessed = p.assessment().assessed();
    suggestions = new ArrayList<>(p.assessment().suggestions());
    monitoringEndsAt = p.monitoring().endsAt();
    nextHealthCheckAt = p.monitoring().nextCheckAt();
    postMortemInput = p.postMortem().input();
    postMortemPostedAt = p.postMortem().postedAt();
    nextPostMortemReminderAt = p.postMortem().nextReminderAt();
    postMortemReminders = p.postMortem().reminders();
    incidentMessage = p.chat().incidentMessage();
    messageCounter = p.chat().messageCounter();
    publicIncident = p.publicPage().incident();
    publicStatus = p.publicPage().status();
    timeline = new ArrayList<>(p.timeline());
    alerts = p.alerts();
  }

  /**
   * A brand-new incident, declared when the request was made ({@code declaration.declaredAt()}, set
   * by whoever started it), or, when the declaration carries no time, at the first workflow task.
   */
  static Incident declare(Declaration declaration, Instant now) {
    Declaration stamped =
        new Declaration(
            declaration.id(),
            declaration.title(),
            declaration.severity(),
            declaration.service(),
            declaration.description(),
            declaration.commander(),
            declaration.declaredBy(),
            declaration.declaredAt() == null ? now : declaration.declaredAt());
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
        new Lifecycle(
            status,
            severity,
            commander,
            acknowledgedBy,
            acknowledgedAt,
            List.copyOf(mitigations),
            resolvedAt,
            resolvedBy,
            resolutionSummary,
            reviewedBy,
            closedAt),
        new Escalation.State(escalationLevel, escalationRound, nextEscalationAt),
        new UpdateCadence.State(lastUpdateAt, missedUpdates, updatesPosted, latestUpdate),
        new IncidentDiagnostics.State(assessed, List.copyOf(suggestions)),
        new Monitoring.State(monitoringEndsAt, nextHealthCheckAt),
        new PostMortemReminders.State(
            postMortemInput, postMortemPostedAt, nextPostMortemReminderAt, postMortemReminders),
        new ChatLane.State(incidentMessage, messageCounter),
        new PublicStatus.State(publicIncident, publicStatus),
        List.copyOf(timeline),
        alerts);
  }

  String id() {
    return declaration.id();
  }

  Instant declaredAt() {
    return declaration.declaredAt();
  }

  boolean isAcknowledged() {
    return acknowledgedAt != null;
  }

  void acknowledge(String by, Instant at) {
    acknowledgedBy = by;
    acknowledgedAt = at;
    nextEscalationAt = null;
    if (commander == null) {
      commander = by;
    }
  }

  void updated(ResponderUpdate update, Instant at) {
    latestUpdate = update;
    lastUpdateAt = at;
    missedUpdates = 0;
    updatesPosted++;
  }

  void resolve(String by, Instant at, String summary) {
    resolvedAt = at;
    resolvedBy = by;
    resolutionSummary = summary;
    nextEscalationAt = null;
  }

  /**
   * Back to mitigating: the resolve, its monitoring and post-mortem are undone, and updates are due
   * again.
   */
  void reopen(Instant at) {
    resolvedAt = null;
    resolvedBy = null;
    monitoringEndsAt = null;
    nextHealthCheckAt = null;
    postMortemPostedAt = null;
    nextPostMortemReminderAt = null;
    lastUpdateAt = at;
    missedUpdates = 0;
  }

  void close(String by, Instant at) {
    reviewedBy = by;
    closedAt = at;
    nextPostMortemReminderAt = null;
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
    messageCounter++;
    return id() + "/" + step + "-" + messageCounter;
  }

  Duration timeToAcknowledge() {
    return acknowledgedAt == null ? null : Duration.between(declaredAt(), acknowledgedAt);
  }

  Duration timeToResolve() {
    return resolvedAt == null ? null : Duration.between(declaredAt(), resolvedAt);
  }

  IncidentView view() {
    return new IncidentView(
        id(),
        declaration.title(),
        severity,
        declaration.service(),
        status,
        commander,
        declaration.declaredBy(),
        declaredAt(),
        acknowledgedBy,
        acknowledgedAt,
        resolvedAt,
        closedAt,
        latestUpdate == null ? null : latestUpdate.describe(),
        escalationLevel + 1,
        escalationRound,
        List.copyOf(suggestions),
        List.copyOf(mitigations),
        List.copyOf(timeline),
        alerts);
  }

  void mergePostMortemInput(PostMortemInput input) {
    PostMortemInput known = postMortemInput;
    List<String> tasks = new ArrayList<>(known.preventionTasks());
    if (input.preventionTasks() != null) {
      input.preventionTasks().stream().filter(t -> t != null && !t.isBlank()).forEach(tasks::add);
    }
    postMortemInput =
        new PostMortemInput(
            input.by(),
            PostMortemInput.firstNonBlank(input.impact(), known.impact()),
            PostMortemInput.firstNonBlank(input.rootCause(), known.rootCause()),
            PostMortemInput.firstNonBlank(input.resolution(), known.resolution()),
            List.copyOf(tasks),
            PostMortemInput.firstNonBlank(input.lessonsLearned(), known.lessonsLearned()));
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
