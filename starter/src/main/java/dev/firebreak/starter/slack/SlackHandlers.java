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
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.SlackEscaping;
import java.util.HashMap;
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
        IncidentActions.POST_UPDATE, (req, ctx) -> openUpdateForm(req.getPayload(), ctx));
    app.viewSubmission(SlackForms.DECLARE, (req, ctx) -> submitDeclaration(req.getPayload(), ctx));
    app.viewSubmission(SlackForms.UPDATE, (req, ctx) -> submitUpdate(req.getPayload(), ctx));
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
        r -> r.responseType(reply.inChannel() ? "in_channel" : "ephemeral").text(reply.text()));
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
