package dev.firebreak.starter.api;

import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.CommanderAssignment;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentOutcome;
import dev.firebreak.workflows.incident.IncidentState;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Mitigation;
import dev.firebreak.workflows.incident.Note;
import dev.firebreak.workflows.incident.PostMortemInput;
import dev.firebreak.workflows.incident.PostMortemReview;
import dev.firebreak.workflows.incident.Reopening;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ResponderUpdate;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.SeverityChange;
import dev.firebreak.workflows.incident.TimelineEntry;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the real incident workflow (written elsewhere): just enough state and refusals to
 * exercise the API — acknowledge once, resolve only after acknowledging, review only once resolved.
 */
public class FakeIncidentWorkflow implements IncidentWorkflow {

  private final Declaration declaration;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private final List<Mitigation> mitigations = new ArrayList<>();
  private IncidentStatus status = IncidentStatus.DECLARED;
  private Severity severity;
  private String commander;
  private String acknowledgedBy;
  private String latestUpdate;
  private Instant resolvedAt;

  @WorkflowInit
  public FakeIncidentWorkflow(IncidentState state) {
    Declaration d = state.declaration();
    this.declaration = new Declaration(d.id(), d.title(), d.severity(), d.service(), d.description(), d.commander(),
        d.declaredBy(), now());
    this.severity = d.severity();
    this.commander = d.commander();
    record("declared", d.declaredBy(), d.title());
  }

  @Override
  public IncidentOutcome run(IncidentState state) {
    Workflow.await(() -> status == IncidentStatus.CLOSED);
    return new IncidentOutcome(declaration.id(), Duration.ZERO, Duration.ZERO, postMortem());
  }

  @Override
  public IncidentView acknowledge(Acknowledgement ack) {
    acknowledgedBy = ack.by();
    status = IncidentStatus.ACKNOWLEDGED;
    return record("acknowledged", ack.by(), "acknowledged");
  }

  @Override
  public void validateAcknowledge(Acknowledgement ack) {
    if (acknowledgedBy != null) {
      throw refuse("Already acknowledged by " + acknowledgedBy + ".");
    }
  }

  @Override
  public IncidentView postUpdate(ResponderUpdate update) {
    latestUpdate = update.text();
    return record("update", update.by(), update.text());
  }

  @Override
  public void validatePostUpdate(ResponderUpdate update) {
    if (status == IncidentStatus.CLOSED) {
      throw refuse("The incident is closed.");
    }
  }

  @Override
  public IncidentView changeSeverity(SeverityChange change) {
    severity = change.severity();
    return record("severity", change.by(), change.severity().name());
  }

  @Override
  public void validateChangeSeverity(SeverityChange change) {}

  @Override
  public IncidentView assignCommander(CommanderAssignment assignment) {
    commander = assignment.commander();
    return record("commander", assignment.by(), assignment.commander());
  }

  @Override
  public void validateAssignCommander(CommanderAssignment assignment) {}

  @Override
  public IncidentView recordMitigation(Mitigation mitigation) {
    mitigations.add(mitigation);
    status = IncidentStatus.MITIGATING;
    return record("mitigation", mitigation.by(), mitigation.action());
  }

  @Override
  public void validateRecordMitigation(Mitigation mitigation) {}

  @Override
  public IncidentView resolve(Resolution resolution) {
    resolvedAt = now();
    status = IncidentStatus.MONITORING;
    return record("resolved", resolution.by(), resolution.summary());
  }

  @Override
  public void validateResolve(Resolution resolution) {
    if (acknowledgedBy == null) {
      throw refuse("Acknowledge the incident before resolving it.");
    }
  }

  @Override
  public IncidentView reopen(Reopening reopening) {
    status = IncidentStatus.MITIGATING;
    return record("reopened", reopening.by(), reopening.reason());
  }

  @Override
  public void validateReopen(Reopening reopening) {}

  @Override
  public IncidentView contributeToPostMortem(PostMortemInput input) {
    return record("post-mortem", input.by(), input.rootCause());
  }

  @Override
  public void validateContributeToPostMortem(PostMortemInput input) {}

  @Override
  public IncidentView markPostMortemReviewed(PostMortemReview review) {
    status = IncidentStatus.CLOSED;
    return record("reviewed", review.by(), "post-mortem reviewed");
  }

  @Override
  public void validateMarkPostMortemReviewed(PostMortemReview review) {
    if (resolvedAt == null) {
      throw refuse("Resolve the incident before reviewing its post-mortem.");
    }
  }

  @Override
  public void addNote(Note note) {
    record("note", note.by(), note.text());
  }

  @Override
  public IncidentView state() {
    return new IncidentView(declaration.id(), declaration.title(), severity, declaration.service(), status, commander,
        declaration.declaredBy(), declaration.declaredAt(), acknowledgedBy, null, resolvedAt, null, latestUpdate, 0, 0,
        List.of(), List.copyOf(mitigations), List.copyOf(timeline));
  }

  @Override
  public List<TimelineEntry> timeline() {
    return List.copyOf(timeline);
  }

  @Override
  public String postMortem() {
    return "# Post-mortem: " + declaration.id() + " " + declaration.title() + "\n\n## Timeline\n"
        + timeline.stream().map(e -> "- " + e.kind() + " by " + e.actor()).reduce("", (a, b) -> a + b + "\n");
  }

  private IncidentView record(String kind, String actor, String text) {
    timeline.add(new TimelineEntry(now(), kind, actor, text));
    return state();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static ApplicationFailure refuse(String message) {
    return ApplicationFailure.newFailure(message, "InvalidTransition");
  }
}
