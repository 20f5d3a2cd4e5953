package dev.firebreak.starter.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import dev.firebreak.activities.slack.ChecklistStep;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.SlackEscaping;
import dev.firebreak.workflows.playbook.ActionParameters;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.InvalidParameters;
import dev.firebreak.workflows.playbook.ParameterSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Firebreak does with each kind of Slack request. Every handler acknowledges at once (Bolt has
 * already checked the signature); clicks and form submissions are answered through the response_url
 * once the incident has taken them.
 */
final class SlackHandlers {

  private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);

  /**
   * Whatever the workspace named the command ({@code /incident}, {@code /inc}), the verbs are the
   * same; only {@code /maintenance} and {@code /heartbeat} have their own.
   */
  private static final Pattern ANY_COMMAND = Pattern.compile(".*");

  private static final SlackReply PENDING =
      SlackReply.toUser("⏳ Working on it; the answer will follow here.");

  private final SlashCommandParser parser = new SlashCommandParser();
  private final SlackForms forms = new SlackForms();
  private final IncidentCommands commands;
  private final MaintenanceCommands maintenance;
  private final HeartbeatCommands heartbeats;
  private final OnCallCommands oncall;
  private final SlackRoles roles;
  private final DeferredReplies replies;
  private final FirebreakConfig config;
  private final boolean canOpenForms;

  /**
   * @param canOpenForms whether a bot token is set: views.open needs one
   */
  SlackHandlers(
      IncidentCommands commands,
      MaintenanceCommands maintenance,
      HeartbeatCommands heartbeats,
      OnCallCommands oncall,
      SlackRoles roles,
      DeferredReplies replies,
      FirebreakConfig config,
      boolean canOpenForms) {
    this.commands = commands;
    this.maintenance = maintenance;
    this.heartbeats = heartbeats;
    this.oncall = oncall;
    this.roles = roles;
    this.replies = replies;
    this.config = config;
    this.canOpenForms = canOpenForms;
  }

  void register(App app) {
    app.command(ANY_COMMAND, (req, ctx) -> slashCommand(req.getPayload(), ctx));
    app.blockAction(
        IncidentActions.ACKNOWLEDGE,
        (req, ctx) -> click(req.getPayload(), ctx, SlashCommand.Acknowledge::new));
    app.blockAction(
        IncidentActions.RESOLVE,
        (req, ctx) -> click(req.getPayload(), ctx, id -> new SlashCommand.Resolve(id, null)));
    app.blockAction(
        IncidentActions.ROLL_BACK,
        (req, ctx) -> click(req.getPayload(), ctx, SlashCommand.RollBack::new));
    app.blockAction(
        IncidentActions.APPROVE_ROLLBACK,
        (req, ctx) -> decideRollback(req.getPayload(), ctx, true));
    app.blockAction(
        IncidentActions.REFUSE_ROLLBACK,
        (req, ctx) -> decideRollback(req.getPayload(), ctx, false));
    app.blockAction(
        IncidentActions.APPROVE_ACTION_RUN,
        (req, ctx) -> decideActionRun(req.getPayload(), ctx, true));
    app.blockAction(
        IncidentActions.REFUSE_ACTION_RUN,
        (req, ctx) -> decideActionRun(req.getPayload(), ctx, false));
    app.blockAction(
        Pattern.compile("^" + Pattern.quote(IncidentActions.RUN_PLAYBOOK_ACTION) + ".+"),
        (req, ctx) -> runFromCard(req.getPayload(), ctx));
    app.blockAction(
        Pattern.compile("^" + Pattern.quote(IncidentActions.TICK_CHECKLIST) + "\\d+$"),
        (req, ctx) -> tickFromCard(req.getPayload(), ctx));
    app.blockAction(
        IncidentActions.UNDO_ACTION_RUN, (req, ctx) -> undoActionRun(req.getPayload(), ctx));
    app.blockAction(
        IncidentActions.POST_UPDATE, (req, ctx) -> openUpdateForm(req.getPayload(), ctx));
    app.viewSubmission(SlackForms.DECLARE, (req, ctx) -> submitDeclaration(req.getPayload(), ctx));
    app.viewSubmission(SlackForms.UPDATE, (req, ctx) -> submitUpdate(req.getPayload(), ctx));
    app.viewSubmission(SlackForms.ACTION, (req, ctx) -> submitAction(req.getPayload(), ctx));
  }

  private Response slashCommand(SlashCommandPayload p, SlashCommandContext ctx) {
    SlackActor actor = roles.actor(p.getUserId());
    // Stored as typed: the replies, the incident message and the API escape it where they show it.
    String text = SlackEscaping.unescape(p.getText());
    if (MaintenanceCommands.COMMAND.equals(p.getCommand())) {
      SlackReply reply =
          replies.within(() -> maintenance.run(text, actor), PENDING, p.getResponseUrl());
      return ctx.ack(
          r -> r.responseType(reply.inChannel() ? "in_channel" : "ephemeral").text(reply.text()));
    }
    if (HeartbeatCommands.COMMAND.equals(p.getCommand())) {
      SlackReply reply = replies.within(() -> heartbeats.run(text), PENDING, p.getResponseUrl());
      return ctx.ack(r -> r.responseType("ephemeral").text(reply.text()));
    }
    if (OnCallCommands.COMMAND.equals(p.getCommand())) {
      SlackReply reply = replies.within(() -> oncall.run(text, actor), PENDING, p.getResponseUrl());
      return ctx.ack(
          r -> r.responseType(reply.inChannel() ? "in_channel" : "ephemeral").text(reply.text()));
    }
    SlashCommand command = parser.parse(text);
    if (command instanceof SlashCommand.OpenDeclareForm
        && canOpenForms
        && actor.may(SlashVerb.DECLARE.needs)) {
      View form =
          forms.declare(
              config.services().stream().map(ServiceConfig::name).toList(), p.getResponseUrl());
      Optional<String> problem = open(ctx, p.getTriggerId(), form);
      return problem.isEmpty()
          ? ctx.ack()
          : ctx.ack(
              r ->
                  r.responseType("ephemeral")
                      .text(
                          "Could not open the form ("
                              + problem.get()
                              + "); meanwhile: "
                              + SlashVerb.DECLARE.usageLine()));
    }
    SlackReply reply =
        replies.within(
            () -> commands.run(command, actor, p.getChannelName(), p.getTriggerId()),
            PENDING,
            p.getResponseUrl());
    return ctx.ack(
        r ->
            r.responseType(reply.inChannel() ? "in_channel" : "ephemeral")
                .text(reply.text())
                .blocks(reply.blocks().isEmpty() ? null : reply.blocks()));
  }

  private Response click(
      BlockActionPayload p, ActionContext ctx, Function<String, SlashCommand> command) {
    String incidentId = p.getActions().get(0).getValue();
    SlackActor actor = roles.actor(p.getUser().getId());
    log.info(
        "{}: Slack user {} clicked {}",
        incidentId,
        actor.userId(),
        p.getActions().get(0).getActionId());
    replies.later(
        () -> commands.run(command.apply(incidentId), actor, null, p.getTriggerId()),
        p.getResponseUrl());
    return ctx.ack();
  }

  private Response decideRollback(BlockActionPayload p, ActionContext ctx, boolean approve) {
    String rollbackId = p.getActions().get(0).getValue();
    SlackActor actor = roles.actor(p.getUser().getId());
    log.info(
        "{}: Slack user {} clicked {}", rollbackId, actor.userId(), approve ? "Approve" : "Refuse");
    replies.later(() -> commands.decideRollback(rollbackId, approve, actor), p.getResponseUrl());
    return ctx.ack();
  }

  private Response decideActionRun(BlockActionPayload p, ActionContext ctx, boolean approve) {
    String runId = p.getActions().get(0).getValue();
    SlackActor actor = roles.actor(p.getUser().getId());
    log.info("{}: Slack user {} clicked {}", runId, actor.userId(), approve ? "Approve" : "Refuse");
    replies.later(() -> commands.decideActionRun(runId, approve, actor), p.getResponseUrl());
    return ctx.ack();
  }

  /** An Undo click on a succeeded action run's report: runs its undo as the clicking user. */
  private Response undoActionRun(BlockActionPayload p, ActionContext ctx) {
    String runId = p.getActions().get(0).getValue();
    SlackActor actor = roles.actor(p.getUser().getId());
    log.info("{}: Slack user {} clicked Undo", runId, actor.userId());
    replies.later(() -> commands.undoActionRun(runId, actor), p.getResponseUrl());
    return ctx.ack();
  }

  /**
   * A playbook card's checklist: Slack sends the options now ticked in the clicked group, and each
   * step among them not ticked yet is ticked as the clicking user. A step cannot be unticked (it is
   * on the timeline), so an option cleared changes nothing.
   */
  private Response tickFromCard(BlockActionPayload p, ActionContext ctx) {
    BlockActionPayload.Action action = p.getActions().get(0);
    List<ChecklistStep> steps =
        action.getSelectedOptions() == null
            ? List.of()
            : action.getSelectedOptions().stream()
                .map(option -> ChecklistStep.parse(option.getValue()))
                .flatMap(Optional::stream)
                .toList();
    SlackActor actor = roles.actor(p.getUser().getId());
    log.info("Slack user {} ticked checklist steps {}", actor.userId(), steps);
    replies.later(() -> commands.tickChecklist(steps, actor, p.getTriggerId()), p.getResponseUrl());
    return ctx.ack();
  }

  /**
   * A playbook card's action button (Slack asked its confirm question already): an action that
   * takes parameters opens its form, any other runs at once as the clicking user.
   */
  private Response runFromCard(BlockActionPayload p, ActionContext ctx) {
    String incidentId = p.getActions().get(0).getValue();
    String action =
        p.getActions().get(0).getActionId().substring(IncidentActions.RUN_PLAYBOOK_ACTION.length());
    SlackActor actor = roles.actor(p.getUser().getId());
    log.info("{}: Slack user {} clicked the action {}", incidentId, actor.userId(), action);
    Optional<SlackReply> refused = commands.refusal(SlashVerb.RUN, actor);
    if (refused.isPresent()) {
      replies.later(refused::get, p.getResponseUrl());
      return ctx.ack();
    }
    ActionSpec spec;
    try {
      spec = commands.action(incidentId, action);
    } catch (RuntimeException e) {
      // No such action, no playbook, a closed incident: answered as the run itself would be.
      replies.later(() -> commands.couldNot(SlashVerb.RUN, incidentId, e), p.getResponseUrl());
      return ctx.ack();
    }
    if (spec.parameters().isEmpty()) {
      replies.later(
          () ->
              commands.run(
                  new SlashCommand.RunAction(incidentId, action, Map.of()),
                  actor,
                  null,
                  p.getTriggerId()),
          p.getResponseUrl());
      return ctx.ack();
    }
    Optional<String> problem =
        canOpenForms
            ? open(ctx, p.getTriggerId(), forms.action(incidentId, spec, p.getResponseUrl()))
            : Optional.of("it needs Slack's bot token");
    problem.ifPresent(
        why ->
            replies.later(
                () ->
                    SlackReply.toUser(
                        "Could not open the form for `"
                            + SlackMarkup.escape(action)
                            + "` ("
                            + why
                            + "); use "
                            + SlashVerb.RUN.usageLine()),
                p.getResponseUrl()));
    return ctx.ack();
  }

  /** A playbook action's form: its fields are the parameters, checked before the run starts. */
  private Response submitAction(ViewSubmissionPayload p, ViewSubmissionContext ctx) {
    View view = p.getView();
    SlackForms.Origin origin = forms.origin(view);
    SlackActor actor = roles.actor(p.getUser().getId());
    Map<String, String> parameters = new LinkedHashMap<>();
    ActionSpec spec;
    try {
      spec = commands.action(origin.incidentId(), origin.action());
    } catch (RuntimeException e) {
      replies.later(
          () -> commands.couldNot(SlashVerb.RUN, origin.incidentId(), e), origin.responseUrl());
      return ctx.ack();
    }
    spec.parameters()
        .forEach(
            parameter ->
                forms
                    .field(view, SlackForms.PARAMETER + parameter.name())
                    .ifPresent(value -> parameters.put(parameter.name(), value)));
    try {
      ActionParameters.validate(spec.parameters(), parameters);
    } catch (InvalidParameters invalid) {
      return ctx.ackWithErrors(fieldErrors(spec, invalid));
    }
    replies.later(
        () ->
            commands.run(
                new SlashCommand.RunAction(origin.incidentId(), origin.action(), parameters),
                actor,
                null,
                view.getId()),
        origin.responseUrl());
    return ctx.ack();
  }

  /** Each problem under the field it names; one that names none goes under the first field. */
  private static Map<String, String> fieldErrors(ActionSpec spec, InvalidParameters invalid) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (String problem : invalid.problems()) {
      String field =
          spec.parameters().stream()
              .map(ParameterSpec::name)
              .filter(name -> problem.contains("\"" + name + "\""))
              .findFirst()
              .orElse(spec.parameters().get(0).name());
      errors.merge(SlackForms.PARAMETER + field, problem, (a, b) -> a + " " + b);
    }
    return errors;
  }

  private Response openUpdateForm(BlockActionPayload p, ActionContext ctx) {
    String incidentId = p.getActions().get(0).getValue();
    SlackActor actor = roles.actor(p.getUser().getId());
    Optional<SlackReply> refused = commands.refusal(SlashVerb.UPDATE, actor);
    if (refused.isPresent() || !canOpenForms) {
      SlackReply reply =
          refused.orElse(
              SlackReply.toUser(
                  "The update form needs Slack's bot token; use " + SlashVerb.UPDATE.usageLine()));
      replies.later(() -> reply, p.getResponseUrl());
      return ctx.ack();
    }
    open(ctx, p.getTriggerId(), forms.update(incidentId, p.getResponseUrl()))
        .ifPresent(
            problem ->
                replies.later(
                    () ->
                        SlackReply.toUser(
                            "Could not open the update form ("
                                + problem
                                + "); use "
                                + SlashVerb.UPDATE.usageLine()),
                    p.getResponseUrl()));
    return ctx.ack();
  }

  private Response submitDeclaration(ViewSubmissionPayload p, ViewSubmissionContext ctx) {
    View view = p.getView();
    Map<String, String> errors = new HashMap<>();
    Optional<String> severity =
        forms.field(view, SlackForms.SEVERITY).filter(s -> s.matches("P[0-4]"));
    Optional<String> service =
        forms.field(view, SlackForms.SERVICE).filter(s -> config.service(s).isPresent());
    Optional<String> title = forms.field(view, SlackForms.TITLE);
    severity.ifPresentOrElse(s -> {}, () -> errors.put(SlackForms.SEVERITY, "Choose P0 to P4."));
    service.ifPresentOrElse(
        s -> {}, () -> errors.put(SlackForms.SERVICE, "Choose one of the configured services."));
    title
        .filter(DeclarationRules::titleFits)
        .ifPresentOrElse(
            t -> {},
            () ->
                errors.put(
                    SlackForms.TITLE,
                    "Say what is wrong in at most " + DeclarationRules.MAX_TITLE + " characters."));
    if (!errors.isEmpty()) {
      return ctx.ackWithErrors(errors);
    }
    SlackActor actor = roles.actor(p.getUser().getId());
    SlashCommand declare =
        new SlashCommand.Declare(Severity.valueOf(severity.get()), service.get(), title.get());
    replies.later(
        () -> commands.run(declare, actor, null, view.getId()), forms.origin(view).responseUrl());
    return ctx.ack();
  }

  private Response submitUpdate(ViewSubmissionPayload p, ViewSubmissionContext ctx) {
    View view = p.getView();
    Optional<String> text =
        forms.field(view, SlackForms.TEXT).filter(t -> t.length() <= SlashCommandParser.MAX_TEXT);
    if (text.isEmpty()) {
      return ctx.ackWithErrors(
          Map.of(
              SlackForms.TEXT,
              "Say what you found, in at most " + SlashCommandParser.MAX_TEXT + " characters."));
    }
    SlackForms.Origin origin = forms.origin(view);
    SlackActor actor = roles.actor(p.getUser().getId());
    SlashCommand update =
        new SlashCommand.PostUpdate(
            origin.incidentId(), text.get(), forms.field(view, SlackForms.ETA).orElse(null));
    replies.later(() -> commands.run(update, actor, null, view.getId()), origin.responseUrl());
    return ctx.ack();
  }

  /**
   * Opens a modal; the trigger id is only good for 3 s, so this runs inside the request. Empty when
   * it opened.
   */
  private static Optional<String> open(Context ctx, String triggerId, View view) {
    try {
      ViewsOpenResponse opened = ctx.client().viewsOpen(r -> r.triggerId(triggerId).view(view));
      return opened.isOk() ? Optional.empty() : Optional.of(opened.getError());
    } catch (Exception e) {
      log.warn("views.open failed: {}", e.toString());
      return Optional.of("Slack did not answer");
    }
  }
}
