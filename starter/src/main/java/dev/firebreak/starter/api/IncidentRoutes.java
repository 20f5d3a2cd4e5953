package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.incidents.ActionRuns;
import dev.firebreak.starter.incidents.Declared;
import dev.firebreak.starter.incidents.IncidentAction;
import dev.firebreak.starter.incidents.IncidentFilter;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.incidents.RequestedSeverity;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.incident.ChecklistTick;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import dev.firebreak.workflows.incident.PlaybookAttachment;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code /api/v1/incidents}: declare, list, show, the commands, notes, the playbook and its
 * checklist, and the post-mortem.
 */
final class IncidentRoutes {

  static final String BASE = "/api/v1/incidents";

  private final IncidentServices incidents;
  private final FirebreakConfig config;
  private final JsonBodies bodies;
  private final IdempotencyKeys keys;
  private final PlaybookRoutes playbooks;
  private final ActionRoutes actions;

  IncidentRoutes(
      IncidentServices incidents, FirebreakConfig config, JsonBodies bodies, IdempotencyKeys keys) {
    this.incidents = incidents;
    this.config = config;
    this.bodies = bodies;
    this.keys = keys;
    this.playbooks = new PlaybookRoutes(incidents.playbooks());
    this.actions = new ActionRoutes(new ActionRuns(incidents, config), bodies, keys);
  }

  void register(RoutesConfig routes) {
    routes.post(BASE, this::declare, Role.RESPONDER);
    routes.get(BASE, this::list, Role.VIEWER);
    routes.get(BASE + "/{id}", this::show, Role.VIEWER);
    routes.get(BASE + "/{id}/postmortem", this::postMortem, Role.VIEWER);
    routes.post(BASE + "/{id}/notes", this::note, Role.RESPONDER);
    for (IncidentAction action : IncidentAction.values()) {
      routes.post(BASE + "/{id}/" + action.path, ctx -> command(ctx, action), Role.RESPONDER);
    }
    routes.post(BASE + "/{id}/playbook", this::attachPlaybook, Role.RESPONDER);
    routes.post(BASE + "/{id}/checklist/{n}", this::tickChecklist, Role.RESPONDER);
    playbooks.register(routes);
    actions.register(routes);
  }

  /** The incident's view, with the ids of the action runs its timeline recorded. */
  private void show(Context ctx) {
    IncidentView view = incidents.reads().view(ctx.pathParam("id"));
    ctx.json(new IncidentShown(view, ActionRuns.runIds(view)));
  }

  private void attachPlaybook(Context ctx) {
    PlaybookBody body = bodies.read(withActor(ctx), PlaybookBody.class);
    PlaybookSpec playbook = playbooks.named(RequiredFields.required("name", body.name()));
    ctx.json(
        incidents
            .updates()
            .update(
                ctx.pathParam("id"),
                "attachPlaybook",
                new PlaybookAttachment(playbook, body.by()),
                ctx.header("Idempotency-Key")));
  }

  private void tickChecklist(Context ctx) {
    ObjectNode body = withActor(ctx);
    int item;
    try {
      item = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw Refusal.badRequest(
          "The checklist step must be its number as shown (1, 2, …), not '"
              + ctx.pathParam("n")
              + "'.");
    }
    ChecklistTick tick = new ChecklistTick(item, body.path("by").asText());
    ctx.json(
        incidents
            .updates()
            .update(ctx.pathParam("id"), "tickChecklist", tick, ctx.header("Idempotency-Key")));
  }

  private void declare(Context ctx) {
    ObjectNode json = bodies.object(ctx);
    DeclareRequest request = bodies.read(json, DeclareRequest.class);
    Severity severity =
        RequestedSeverity.parse(
            "Field 'severity'", RequiredFields.required("severity", request.severity()));
    Declaration draft =
        new Declaration(
            null,
            request.title(),
            severity,
            request.service(),
            RequiredFields.blankToNull(request.description()),
            RequiredFields.blankToNull(request.commander()),
            ApiServer.caller(ctx).name(),
            null);
    // The declaration's own rules (title, service, commander) are the ones Slack's declarations
    // meet; they refuse before the Idempotency-Key is looked at, so a corrected body may reuse it.
    incidents.declarations().check(draft);
    String key = idempotencyKey(ctx);
    PlaybookSpec playbook = request.playbook() == null ? null : playbooks.named(request.playbook());
    Declared declared =
        keys.once(BASE, key, json, () -> incidents.declarations().declare(draft, key, playbook));
    String id = declared.id();
    // A repeated key answers 200 with the incident the first request declared.
    ctx.status(declared.created() ? 201 : 200)
        .json(
            Map.of("id", id, "workflowId", IncidentWorkflow.workflowId(id), "status", "DECLARED"));
  }

  /**
   * Optional for a declaration (without one, a retry after a timeout may declare a second incident)
   * and for an action run (without one, each request is a new run).
   */
  static String idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key == null || key.isBlank()) {
      return null;
    }
    if (!RollbackRoutes.KEY.matcher(key).matches()) {
      throw Refusal.badRequest(
          "The 'Idempotency-Key' header must be 1 to 100 letters, digits, '.', '_' or '-'.");
    }
    return key;
  }

  private void list(Context ctx) {
    ctx.json(
        incidents
            .reads()
            .list(
                IncidentFilter.parse(
                    ctx.queryParam("status"),
                    ctx.queryParam("severity"),
                    ctx.queryParam("service"),
                    config)));
  }

  private void postMortem(Context ctx) {
    ctx.contentType("text/markdown; charset=utf-8")
        .result(incidents.reads().postMortem(ctx.pathParam("id")));
  }

  private void note(Context ctx) {
    ObjectNode body = withActor(ctx);
    Note note = bodies.read(body, Note.class);
    RequiredFields.required("text", note.text());
    incidents.updates().addNote(ctx.pathParam("id"), note);
    ctx.status(202).json(Map.of("status", "accepted"));
  }

  private void command(Context ctx, IncidentAction action) {
    ObjectNode body = withActor(ctx);
    Object command = bodies.read(body, action.command);
    for (String field : action.required) {
      JsonNode value = body.get(field);
      RequiredFields.required(field, value == null || value.isNull() ? null : value.asText());
    }
    ctx.json(
        incidents
            .updates()
            .update(ctx.pathParam("id"), action, command, ctx.header("Idempotency-Key")));
  }

  /** The body with {@code by} defaulted to the token's name: who did it is never left blank. */
  private ObjectNode withActor(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    JsonNode by = body.get("by");
    // Anything but text is left in place, so reading the command refuses it instead of replacing
    // it.
    if (by == null || by.isNull() || (by.isTextual() && by.asText().isBlank())) {
      body.put("by", ApiServer.caller(ctx).name());
    }
    return body;
  }
}
