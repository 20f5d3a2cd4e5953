package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Refusals;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.rollback.RollbackOrder;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;

/**
 * Which commands an incident refuses, and the sentence that says why: the update validators' rules,
 * checked before a command reaches history.
 */
final class IncidentCommandRules {

  private final Incident incident;
  private final IncidentPolicy policy;

  IncidentCommandRules(Incident incident, IncidentPolicy policy) {
    this.incident = incident;
    this.policy = policy;
  }

  void acknowledge(Acknowledgement ack) {
    requirePerson(ack == null ? null : ack.by(), "acknowledging");
    requireNotAcknowledged();
    requireOpen("acknowledged");
  }

  void requireNotAcknowledged() {
    if (incident.isAcknowledged()) {
      throw refusal(
          incident.id()
              + " was already acknowledged by "
              + incident.lifecycle.acknowledgedBy()
              + " at "
              + incident.lifecycle.acknowledgedAt());
    }
  }

  void postUpdate(ResponderUpdate update) {
    requirePerson(update == null ? null : update.by(), "posting the update");
    requireText(update.text(), "text", "what you found");
    if (!incident.status().isOpen() && incident.status() != IncidentStatus.MONITORING) {
      throw refusal(
          incident.id()
              + " is "
              + incident.status().label()
              + "; updates are for open incidents (reopen it first)");
    }
  }

  void changeSeverity(SeverityChange change) {
    requirePerson(change == null ? null : change.by(), "changing the severity");
    if (change.severity() == null) {
      throw refusal("severity is required (P0 to P4)");
    }
    if (change.severity() == incident.severity()) {
      throw refusal(incident.id() + " is already " + incident.severity());
    }
    if (!policy.severities().containsKey(change.severity())) {
      throw refusal("the runbook defines no policy for " + change.severity());
    }
    requireNotClosed();
  }

  void assignCommander(CommanderAssignment assignment) {
    requirePerson(assignment == null ? null : assignment.by(), "assigning the commander");
    requireText(assignment.commander(), "commander", "who takes command");
    requireNotClosed();
  }

  void recordMitigation(Mitigation mitigation) {
    requirePerson(mitigation == null ? null : mitigation.by(), "recording the mitigation");
    requireText(mitigation.action(), "action", "what was done");
    requireNotClosed();
  }

  void resolve(Resolution resolution) {
    requirePerson(resolution == null ? null : resolution.by(), "resolving");
    requireOpen("resolved");
  }

  void reopen(Reopening reopening) {
    requirePerson(reopening == null ? null : reopening.by(), "reopening");
    requireText(reopening.reason(), "reason", "why it is reopened");
    if (incident.status() != IncidentStatus.MONITORING
        && incident.status() != IncidentStatus.POST_MORTEM) {
      throw refusal(
          incident.id()
              + " is "
              + incident.status().label()
              + "; only a resolved incident (monitoring or post-mortem) can be reopened");
    }
  }

  void contributeToPostMortem(PostMortemInput input) {
    requirePerson(input == null ? null : input.by(), "contributing to the post-mortem");
    boolean empty =
        isBlank(input.impact())
            && isBlank(input.rootCause())
            && isBlank(input.resolution())
            && isBlank(input.lessonsLearned())
            && (input.preventionTasks() == null
                || input.preventionTasks().stream().allMatch(IncidentCommandRules::isBlank));
    if (empty) {
      throw refusal(
          "nothing to add: give impact, rootCause, resolution, preventionTasks or lessonsLearned");
    }
    requireNotClosed();
  }

  void markPostMortemReviewed(PostMortemReview review) {
    requirePerson(review == null ? null : review.by(), "reviewing the post-mortem");
    if (incident.status() != IncidentStatus.POST_MORTEM) {
      throw refusal(
          incident.id()
              + " is "
              + incident.status().label()
              + "; the post-mortem can be reviewed once monitoring has passed");
    }
  }

  void attachPlaybook(PlaybookAttachment attachment) {
    requirePerson(attachment == null ? null : attachment.by(), "attaching the playbook");
    if (attachment.playbook() == null) {
      throw refusal("a playbook is required");
    }
    // Attaching the same playbook again would only clear its ticked checklist.
    if (incident.playbook != null
        && incident.playbook.spec().name().equals(attachment.playbook().name())) {
      throw refusal(
          incident.id() + " already follows the playbook " + attachment.playbook().name());
    }
    requireOpen("given a playbook");
  }

  void tickChecklist(ChecklistTick tick) {
    requirePerson(tick == null ? null : tick.by(), "ticking the checklist");
    if (incident.playbook == null) {
      throw refusal(incident.id() + " has no playbook, so no checklist to tick");
    }
    int size = incident.playbook.checklist().size();
    if (tick.item() < 1 || tick.item() > size) {
      throw refusal(
          "the checklist of "
              + incident.playbook.spec().name()
              + " has "
              + size
              + (size == 1 ? " step" : " steps")
              + "; there is no step "
              + tick.item());
    }
    ChecklistItem item = incident.playbook.checklist().get(tick.item() - 1);
    if (item.ticked()) {
      throw refusal(
          "step "
              + tick.item()
              + " was already ticked by "
              + item.tickedBy()
              + " at "
              + item.tickedAt());
    }
    requireNotClosed();
  }

  void rollback(RollbackOrder order) {
    requirePerson(
        order == null || order.request() == null ? null : order.request().requestedBy(),
        "rolling back");
    if (order.policy() == null
        || isBlank(order.request().key())
        || isBlank(order.request().service())) {
      throw refusal("a rollback needs a service, a key and the service's rollback policy");
    }
    requireNotClosed();
  }

  void runAction(ActionOrder order) {
    requirePerson(order == null ? null : order.requestedBy(), "running an action");
    if (order.action() == null
        || order.action().step() == null
        || isBlank(order.key())
        || !incident.id().equals(order.incidentId())) {
      throw refusal("an action run needs the action, a key and this incident's id");
    }
    requireNotClosed();
  }

  /**
   * The resolve is refused while health checks fail: the refusal is recorded and posted (people
   * must see why the incident is still open) and names the failing checks.
   */
  ApplicationFailure unhealthy(String by, List<HealthResult> failing, Instant now, ChatLane chat) {
    String text =
        "Resolve refused: health checks failing: " + IncidentDiagnostics.describe(failing);
    incident.record(now, "resolve-refused", by, text);
    chat.post("resolve-refused", "❌ " + text, true);
    return ApplicationFailure.newFailure(
        "Cannot resolve "
            + incident.id()
            + ": health checks failing: "
            + IncidentDiagnostics.describe(failing),
        Refusals.RESOLVE_REFUSED);
  }

  private void requireOpen(String what) {
    if (!incident.status().isOpen()) {
      throw refusal(
          incident.id() + " is " + incident.status().label() + "; it can no longer be " + what);
    }
  }

  private void requireNotClosed() {
    if (incident.status() == IncidentStatus.CLOSED) {
      throw refusal(incident.id() + " is closed");
    }
  }

  private static void requirePerson(String by, String action) {
    if (by == null || by.isBlank()) {
      throw refusal("'by' is required: say who is " + action);
    }
  }

  private static void requireText(String text, String field, String meaning) {
    if (text == null || text.isBlank()) {
      throw refusal("'" + field + "' is required: " + meaning);
    }
    if (text.length() > Clip.HISTORY_TEXT) {
      throw refusal(
          "'"
              + field
              + "' is too long ("
              + text.length()
              + " characters; at most "
              + Clip.HISTORY_TEXT
              + ")");
    }
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, Refusals.INVALID_TRANSITION);
  }
}
