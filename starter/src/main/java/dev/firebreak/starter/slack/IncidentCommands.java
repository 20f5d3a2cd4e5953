package dev.firebreak.starter.slack;

import static dev.firebreak.starter.slack.SlackMarkup.escape;
import static dev.firebreak.starter.slack.SlackMarkup.withMentions;

import dev.firebreak.activities.slack.ChecklistStep;
import dev.firebreak.starter.incidents.ActionRuns;
import dev.firebreak.starter.incidents.IncidentAction;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.incidents.IncidentSummary;
import dev.firebreak.starter.rollbacks.IncidentRollbacks;
import dev.firebreak.starter.rollbacks.RollbackAdmission;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.ChecklistItem;
import dev.firebreak.workflows.incident.ChecklistTick;
import dev.firebreak.workflows.incident.CommanderAssignment;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.PlaybookAttachment;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ResponderUpdate;
import dev.firebreak.workflows.incident.SeverityChange;
import dev.firebreak.workflows.notify.IncidentRoomName;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a parsed {@code /incident} command (or the same command from a button or form) for
 * one Slack user through {@link IncidentServices} (a declaration through {@link
 * dev.firebreak.starter.incidents.Declarations}, as the API declares), and says in one short
 * sentence what happened. Every refusal (role, unknown incident, the workflow saying no) is an
 * answer, never an exception.
 */
final class IncidentCommands {

  private static final Logger log = LoggerFactory.getLogger(IncidentCommands.class);
  private static final int LISTED = 20;

  private final IncidentServices incidents;
  private final IncidentRollbacks rollbacks;
  private final ActionRuns actions;
  private final TemporalFailures failures;

  IncidentCommands(
      IncidentServices incidents,
      IncidentRollbacks rollbacks,
      ActionRuns actions,
      TemporalFailures failures) {
    this.incidents = incidents;
    this.rollbacks = rollbacks;
    this.actions = actions;
    this.failures = failures;
  }

  /**
   * @param channelName where the command was typed; an incident channel implies the incident
   * @param requestKey unique per Slack request (its trigger id): a repeated request changes nothing
   *     twice
   */
  SlackReply run(SlashCommand command, SlackActor actor, String channelName, String requestKey) {
    if (command instanceof SlashCommand.Invalid invalid) {
      // The problem quotes what was typed ("I don't know '<!here>'").
      return SlackReply.toUser(escape(invalid.problem()) + "\n" + usageOf(invalid.verb()));
    }
    Optional<SlackReply> refused = refusal(command.verb(), actor);
    if (refused.isPresent()) {
      return refused.get();
    }
    String id = incidentId(command, channelName);
    if (id == null && needsIncident(command)) {
      return SlackReply.toUser(
          "Which incident? Give its id, or run this in the incident's channel.\n"
              + command.verb().usageLine());
    }
    try {
      return execute(command, id, actor, requestKey);
    } catch (Exception e) {
      return couldNot(command.verb(), id, e);
    }
  }

  /** The answer to a command that failed: what the refusal says, never an exception. */
  SlackReply couldNot(SlashVerb verb, String id, Exception e) {
    Refusal error = failures.toRefusal(e, id);
    return SlackReply.toUser(
        "Could not "
            + verb.word()
            + (id == null ? "" : " *" + id + "*")
            + ": "
            + withMentions(error.getMessage()));
  }

  /** Why the actor may not use the verb; empty when they may. */
  Optional<SlackReply> refusal(SlashVerb verb, SlackActor actor) {
    if (actor.may(verb.needs)) {
      return Optional.empty();
    }
    log.info(
        "Slack user {} ({}) refused /incident {}",
        actor.userId(),
        actor.role().label(),
        verb.word());
    return Optional.of(
        SlackReply.toUser(
            "`/incident "
                + verb.word()
                + "` needs the "
                + verb.needs.label()
                + " role, and you are a "
                + actor.role().label()
                + " in Firebreak. Ask an admin to list you under "
                + "`providers.slack.users`."));
  }

  private SlackReply execute(SlashCommand command, String id, SlackActor actor, String requestKey) {
    if (command instanceof SlashCommand.Declare d) {
      return declare(d, actor);
    }
    if (command instanceof SlashCommand.Acknowledge) {
      return acknowledge(id, actor, requestKey);
    }
    if (command instanceof SlashCommand.PostUpdate u) {
      return postUpdate(id, u.text(), u.eta(), actor, requestKey);
    }
    if (command instanceof SlashCommand.Status) {
      return SlackReply.toUser(status(incidents.reads().view(id)));
    }
    if (command instanceof SlashCommand.ChangeSeverity c) {
      incidents
          .updates()
          .update(
              id,
              IncidentAction.CHANGE_SEVERITY,
              new SeverityChange(actor.userId(), c.severity(), null),
              requestKey);
      return SlackReply.toUser("⚠️ *" + id + "* is now " + c.severity() + ".");
    }
    if (command instanceof SlashCommand.AssignCommander c) {
      incidents
          .updates()
          .update(
              id,
              IncidentAction.ASSIGN_COMMANDER,
              new CommanderAssignment(actor.userId(), c.commander()),
              requestKey);
      return SlackReply.toUser(
          "*" + id + "* is now commanded by " + withMentions(c.commander()) + ".");
    }
    if (command instanceof SlashCommand.Resolve r) {
      return resolve(id, r.summary(), actor, requestKey);
    }
    if (command instanceof SlashCommand.RollBack) {
      return rollBack(id, actor);
    }
    if (command instanceof SlashCommand.AttachPlaybook p) {
      return attachPlaybook(id, p.playbook(), actor, requestKey);
    }
    if (command instanceof SlashCommand.ShowPlaybook) {
      return playbookCard(id);
    }
    if (command instanceof SlashCommand.RunAction r) {
      return runAction(id, r.action(), r.parameters(), actor, requestKey);
    }
    if (command instanceof SlashCommand.ListOpen) {
      return SlackReply.toUser(list());
    }
    if (command instanceof SlashCommand.OpenDeclareForm) {
      return SlackReply.toUser(
          "The declaration form needs Slack's bot token; meanwhile: "
              + SlashVerb.DECLARE.usageLine());
    }
    return SlackReply.toUser(help());
  }

  private SlackReply attachPlaybook(String id, String name, SlackActor actor, String requestKey) {
    Optional<PlaybookSpec> playbook = incidents.playbooks().named(name);
    if (playbook.isEmpty()) {
      List<String> known = incidents.playbooks().specs().stream().map(PlaybookSpec::name).toList();
      return SlackReply.toUser(
          "There is no playbook `"
              + escape(Clip.of(name, 40))
              + "`"
              + (known.isEmpty()
                  ? "; none are configured."
                  : "; known: " + String.join(", ", known) + "."));
    }
    IncidentView view =
        incidents
            .updates()
            .update(
                id,
                "attachPlaybook",
                new PlaybookAttachment(playbook.get(), actor.userId()),
                requestKey);
    // The card comes with the answer, so its checklist and action buttons are one click away.
    return new SlackReply(
        "📖 *" + id + "* follows the playbook *" + escape(playbook.get().title()) + "*.",
        false,
        view.playbook() == null
            ? List.of()
            : PlaybookCard.render(id, view.playbook(), playbook.get()).blocks());
  }

  private SlackReply playbookCard(String id) {
    IncidentView view = incidents.reads().view(id);
    Optional<PlaybookSpec> spec =
        view.playbook() == null
            ? Optional.empty()
            : incidents.playbooks().named(view.playbook().name());
    if (spec.isEmpty()) {
      return SlackReply.toUser(
          "*"
              + id
              + "* follows no playbook; give it one with "
              + SlashVerb.PLAYBOOK.usageLine()
              + ".");
    }
    return PlaybookCard.render(id, view.playbook(), spec.get());
  }

  /**
   * Runs a playbook action for the incident (a command, a card's button, a submitted form).
   *
   * @param requestKey the Slack request's trigger id: a repeated request finds the same run
   */
  SlackReply runAction(
      String id,
      String action,
      Map<String, String> parameters,
      SlackActor actor,
      String requestKey) {
    ActionRuns.Admission admission =
        actions.run(id, action, parameters, null, caller(actor), actionKey(requestKey));
    if (!admission.started()) {
      return SlackReply.toUser(
          "`"
              + escape(action)
              + "` was already requested for *"
              + id
              + "* (`"
              + admission.runId()
              + "`); it is "
              + statusWord(admission.status())
              + ".");
    }
    return SlackReply.toChannel(
        "▶️ <@"
            + actor.userId()
            + "> ran `"
            + escape(action)
            + "` for *"
            + id
            + "* (`"
            + admission.runId()
            + "`): "
            + standing(admission));
  }

  /** How a run just started stands, to end the channel's sentence about it. */
  private static String standing(ActionRuns.Admission admission) {
    return statusWord(admission.status())
        + (ActionRunStatus.AWAITING_APPROVAL.name().equals(admission.status())
            ? "; someone else must approve it."
            : ".");
  }

  /**
   * A click on a run or rollback that was refused: what the refusal says, to the clicker.
   *
   * @param refusalId what a not-found refusal names (the rollback); null for a run
   */
  private SlackReply couldNot(String what, String subjectId, String refusalId, Exception e) {
    return SlackReply.toUser(
        "Could not "
            + what
            + " `"
            + escape(subjectId)
            + "`: "
            + withMentions(failures.toRefusal(e, refusalId).getMessage()));
  }

  /** The playbook action the card's button names, to ask for its parameters first. */
  ActionSpec action(String id, String action) {
    return actions.action(id, action);
  }

  /** An Approve or Refuse click on an action run's approval request. */
  SlackReply decideActionRun(String runId, boolean approve, SlackActor actor) {
    ActionRunView run;
    try {
      run = actions.decide(null, runId, approve, caller(actor), null);
    } catch (Exception e) {
      return couldNot(approve ? "approve" : "refuse", runId, null, e);
    }
    return SlackReply.toChannel(
        (approve ? "✅ <@" : "✋ <@")
            + actor.userId()
            + (approve ? "> approved `" : "> refused `")
            + escape(run.action())
            + "` (`"
            + escape(runId)
            + "`); "
            + (approve ? "it runs now." : "nothing changes."));
  }

  /** An Undo click on a succeeded run's report: runs the run's undo as the clicking person. */
  SlackReply undoActionRun(String runId, SlackActor actor) {
    Optional<SlackReply> refused = refusal(SlashVerb.RUN, actor);
    if (refused.isPresent()) {
      return refused.get();
    }
    ActionRuns.Admission admission;
    try {
      ActionRunView run = actions.view(null, runId);
      // Without a key the undo's key is derived from the run's: a second click finds the first
      // undo.
      admission = actions.undo(run.incidentId(), runId, Map.of(), null, caller(actor), null);
    } catch (Exception e) {
      return couldNot("undo", runId, null, e);
    }
    if (!admission.started()) {
      return SlackReply.toUser(
          "`"
              + escape(runId)
              + "` was already undone (`"
              + admission.runId()
              + "`); that undo is "
              + statusWord(admission.status())
              + ".");
    }
    return SlackReply.toChannel(
        "↩️ <@"
            + actor.userId()
            + "> undid `"
            + escape(runId)
            + "` (`"
            + admission.runId()
            + "`): "
            + standing(admission));
  }

  /**
   * Ticks the checklist steps a card's checkboxes show ticked, as the clicking person; a step
   * already ticked (by an earlier click, or by anyone elsewhere) is left as it is.
   *
   * @param requestKey the Slack request's trigger id: a repeated request ticks nothing twice
   */
  SlackReply tickChecklist(List<ChecklistStep> steps, SlackActor actor, String requestKey) {
    Optional<SlackReply> refused = refusal(SlashVerb.PLAYBOOK, actor);
    if (refused.isPresent() || steps.isEmpty()) {
      return refused.orElseGet(
          () -> SlackReply.toUser("A ticked step stays ticked: it is on the timeline."));
    }
    String id = steps.get(0).incidentId();
    try {
      List<ChecklistItem> checklist = incidents.reads().view(id).playbook().checklist();
      List<Integer> ticked = new ArrayList<>();
      for (ChecklistStep step : steps) {
        boolean open =
            step.incidentId().equals(id)
                && step.item() >= 1
                && step.item() <= checklist.size()
                && !checklist.get(step.item() - 1).ticked();
        if (open) {
          incidents
              .updates()
              .update(
                  id,
                  "tickChecklist",
                  new ChecklistTick(step.item(), actor.userId()),
                  requestKey == null ? null : requestKey + "-" + step.item());
          ticked.add(step.item());
        }
      }
      return SlackReply.toUser(
          ticked.isEmpty()
              ? "Nothing new to tick on *" + id + "*; a ticked step stays ticked."
              : "☑️ Ticked step "
                  + ticked.stream().map(String::valueOf).collect(Collectors.joining(", "))
                  + " of *"
                  + id
                  + "*'s checklist.");
    } catch (Exception e) {
      return couldNot(SlashVerb.PLAYBOOK, id, e);
    }
  }

  private static ActionRuns.Caller caller(SlackActor actor) {
    return new ActionRuns.Caller(actor.userId(), actor.userId(), actor::may);
  }

  /** A trigger id as a run key: keys become part of the workflow id, so only safe characters. */
  private static String actionKey(String requestKey) {
    return requestKey == null
        ? null
        : "slack-" + Clip.of(requestKey.replaceAll("[^A-Za-z0-9._-]", "-"), 80);
  }

  private static String statusWord(String status) {
    return status.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  SlackReply acknowledge(String id, SlackActor actor, String requestKey) {
    incidents
        .updates()
        .update(id, IncidentAction.ACKNOWLEDGE, new Acknowledgement(actor.userId()), requestKey);
    return SlackReply.toUser("✅ You acknowledged *" + id + "*; escalation stopped.");
  }

  SlackReply postUpdate(String id, String text, String eta, SlackActor actor, String requestKey) {
    incidents
        .updates()
        .update(
            id,
            IncidentAction.UPDATE,
            new ResponderUpdate(actor.userId(), text, eta, null),
            requestKey);
    return SlackReply.toUser("📊 Update posted to *" + id + "*.");
  }

  SlackReply resolve(String id, String summary, SlackActor actor, String requestKey) {
    IncidentView view =
        incidents
            .updates()
            .update(
                id,
                IncidentAction.RESOLVE,
                new Resolution(actor.userId(), summary, null),
                requestKey);
    return SlackReply.toUser(
        "✅ *" + id + "* resolved; now " + view.status().label().toLowerCase(Locale.ROOT) + ".");
  }

  /** An Approve or Refuse click on a rollback's approval request. */
  SlackReply decideRollback(String rollbackId, boolean approve, SlackActor actor) {
    try {
      rollbacks.decide(rollbackId, approve, requester(actor), null);
    } catch (Exception e) {
      return couldNot(approve ? "approve rollback" : "refuse rollback", rollbackId, rollbackId, e);
    }
    return SlackReply.toChannel(
        approve
            ? "✅ <@"
                + actor.userId()
                + "> approved rollback `"
                + escape(rollbackId)
                + "`; it runs now."
            : "✋ <@"
                + actor.userId()
                + "> refused rollback `"
                + escape(rollbackId)
                + "`; nothing changes.");
  }

  private static IncidentRollbacks.Requester requester(SlackActor actor) {
    return new IncidentRollbacks.Requester(actor.userId(), actor.userId(), actor::may);
  }

  private SlackReply rollBack(String id, SlackActor actor) {
    RollbackAdmission admission = rollbacks.requestSuggested(id, requester(actor), "slack");
    if (!admission.started()) {
      return SlackReply.toUser(
          "⏪ Rollback `"
              + admission.id()
              + "` for *"
              + id
              + "* was already requested; it is "
              + statusWord(admission.status())
              + ".");
    }
    return SlackReply.toChannel(
        "⏪ <@"
            + actor.userId()
            + "> started rollback `"
            + admission.id()
            + "` for *"
            + id
            + "*; its result follows in the incident's thread.");
  }

  private SlackReply declare(SlashCommand.Declare d, SlackActor actor) {
    String id;
    try {
      id =
          incidents
              .declarations()
              .declare(
                  new Declaration(
                      null,
                      d.title(),
                      d.severity(),
                      d.service(),
                      null,
                      null,
                      actor.userId(),
                      null));
    } catch (Refusal refused) {
      if (!refused.isBadRequest()) {
        throw refused;
      }
      // A declaration the rules refuse (an unknown service, say) is answered with the usage, as a
      // mistake in the command is.
      return SlackReply.toUser(escape(refused.getMessage()) + "\n" + usageOf(SlashVerb.DECLARE));
    }
    return SlackReply.toChannel(
        "🚨 <@"
            + actor.userId()
            + "> declared *"
            + id
            + "* · "
            + d.severity()
            + " · "
            + escape(d.service())
            + ": "
            + escape(d.title()));
  }

  private String incidentId(SlashCommand command, String channelName) {
    return command.incidentId() != null
        ? command.incidentId()
        : IncidentRoomName.incidentOf(channelName).orElse(null);
  }

  private static boolean needsIncident(SlashCommand command) {
    return !(command instanceof SlashCommand.Declare
        || command instanceof SlashCommand.OpenDeclareForm
        || command instanceof SlashCommand.ListOpen
        || command instanceof SlashCommand.Help);
  }

  private static String status(IncidentView v) {
    StringBuilder text =
        new StringBuilder()
            .append("*")
            .append(v.id())
            .append("* · ")
            .append(v.severity())
            .append(" · ")
            .append(escape(v.service()))
            .append(" · ")
            .append(v.status().label())
            .append('\n')
            .append(escape(v.title()))
            .append('\n')
            .append("Commander: ")
            .append(v.commander() == null ? "_unassigned_" : withMentions(v.commander()));
    if (v.acknowledgedBy() != null) {
      text.append(" · acknowledged by ").append(withMentions(v.acknowledgedBy()));
    }
    // People fields hold Slack IDs Firebreak recorded, shown as mentions; the update is what
    // someone typed.
    text.append("\nLatest update: ")
        .append(v.latestUpdate() == null ? "_none yet_" : escape(v.latestUpdate()));
    if (v.playbook() != null) {
      long done = v.playbook().checklist().stream().filter(ChecklistItem::ticked).count();
      text.append("\nPlaybook: *")
          .append(escape(v.playbook().title()))
          .append("* · checklist ")
          .append(done)
          .append('/')
          .append(v.playbook().checklist().size())
          .append(" done");
    }
    return text.toString();
  }

  private String list() {
    List<IncidentSummary> open = incidents.reads().list(true);
    if (open.isEmpty()) {
      return "No open incidents. 🎉";
    }
    String lines =
        open.stream()
            .limit(LISTED)
            .map(
                i ->
                    "• *"
                        + i.id()
                        + "* · "
                        + i.severity()
                        + " · "
                        + escape(i.service())
                        + " · "
                        + i.status()
                        + " — "
                        + escape(i.title()))
            .collect(Collectors.joining("\n"));
    return open.size() > LISTED ? lines + "\n…and " + (open.size() - LISTED) + " more." : lines;
  }

  private static String help() {
    return "*/incident* commands (inside an incident channel the id can be left out):\n"
        + Arrays.stream(SlashVerb.values())
            .map(v -> "• " + v.usageLine() + " — " + v.meaning)
            .collect(Collectors.joining("\n"));
  }

  private static String usageOf(SlashVerb verb) {
    return verb == null ? help() : "Usage: " + verb.usageLine();
  }
}
