package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.starter.rollbacks.IncidentRollbacks;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.starter.service.WorkflowQuery;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionParameters;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.playbook.InvalidParameters;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.RollbackOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a playbook's actions for an incident, for every caller (the API, Slack): finds the action in
 * the playbook the incident follows, checks the caller's role and the parameters, resolves what the
 * run needs from the config into an {@link ActionOrder}, and has the incident start the run. The
 * API and Slack both come here, so both check the same roles and refuse the same way.
 */
public final class ActionRuns {

  private static final Logger log = LoggerFactory.getLogger(ActionRuns.class);

  /** Health checks after an action get the time a maintenance window's checks get. */
  private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Who asks for or decides on a run.
   *
   * @param name recorded as the requester or approver (a token's name, a Slack user id)
   * @param label how a refusal names them ("token 'ci'", a Slack user id)
   * @param may whether they hold a role
   */
  public record Caller(String name, String label, Predicate<Role> may) {

    /** The role labels they hold, as the run records them for its approval rule. */
    List<String> roles() {
      return Arrays.stream(Role.values()).filter(may).map(Role::label).toList();
    }
  }

  /**
   * What a run request led to.
   *
   * @param runId the run's workflow id, which the API and Slack show and take back
   * @param status the run's status when the request was answered
   * @param started false when the key's run already existed (a retried request)
   */
  public record Admission(String runId, String status, boolean started) {}

  private final IncidentServices incidents;
  private final FirebreakConfig config;
  private final IncidentRollbacks rollbacks;

  public ActionRuns(IncidentServices incidents, FirebreakConfig config) {
    this.incidents = incidents;
    this.config = config;
    this.rollbacks = new IncidentRollbacks(incidents, config);
  }

  /**
   * Starts the action, or finds the run an earlier request with the same key started.
   *
   * @param key the caller's idempotency key; null for a new one
   * @throws Refusal 404 for an action the playbook lacks, 409 without a playbook or once the
   *     incident is closed, 403 for a missing role, 422 for bad parameters or a key reused for a
   *     different request
   */
  public Admission run(
      String incidentId,
      String actionName,
      Map<String, String> parameters,
      String reason,
      Caller caller,
      String key) {
    return start(incidentId, actionName, parameters, reason, caller, key, null);
  }

  /**
   * Runs the action that reverts {@code runId} (its {@code undo}), once that run has done its step.
   * Without a key the undo's key is derived from the run's, so a second click finds the first undo.
   */
  public Admission undo(
      String incidentId,
      String runId,
      Map<String, String> parameters,
      String reason,
      Caller caller,
      String key) {
    ActionRunView run = view(incidentId, runId);
    if (run.undo() == null) {
      throw new Refusal(
          409,
          "invalid_transition",
          "Action run "
              + runId
              + " has nothing to undo: "
              + (run.status() == ActionRunStatus.SUCCEEDED
                      || run.status() == ActionRunStatus.UNVERIFIED
                  ? "its action names no undo."
                  : "it is "
                      + statusWord(run.status())
                      + ", and only a run that did its step can be undone."));
    }
    String undoKey =
        key != null
            ? key
            : "undo-" + runId.substring(ActionRunWorkflow.workflowId(incidentId, "").length());
    return start(incidentId, run.undo(), parameters, reason, caller, clipKey(undoKey), runId);
  }

  private Admission start(
      String incidentId,
      String actionName,
      Map<String, String> parameters,
      String reason,
      Caller caller,
      String key,
      String undoes) {
    IncidentView incident = incidents.reads().view(incidentId);
    PlaybookSpec playbook = playbookOf(incident);
    ActionSpec action = action(playbook, actionName);
    requireRole(action.roles(), caller, "Running " + action.name());
    Map<String, String> values;
    ActionSpec filled;
    try {
      values = ActionParameters.validate(action.parameters(), parameters);
      filled =
          new ActionSpec(
              action.name(),
              action.title(),
              action.roles(),
              action.approval(),
              action.confirm(),
              action.parameters(),
              ActionParameters.substitute(action.step(), values),
              action.verify(),
              action.undo());
    } catch (InvalidParameters invalid) {
      throw new Refusal(422, "invalid_parameters", invalid.getMessage());
    }
    String runKey = key != null ? key : UUID.randomUUID().toString().substring(0, 12);
    ActionOrder order =
        new ActionOrder(
            incident.id(),
            playbook.name(),
            filled,
            values,
            RequiredFields.blankToNull(reason),
            caller.name(),
            caller.roles(),
            verifyChecks(action),
            runKey,
            undoes,
            rollback(incident, filled, RequiredFields.blankToNull(reason), caller, runKey));
    Optional<ActionRunView> earlier = find(order.workflowId());
    if (earlier.isPresent()) {
      // The key's run may predate this process (a restart, another replica): its request is the
      // record.
      if (!sameRequest(earlier.get(), order)) {
        throw Refusal.keyReused(runKey);
      }
      return new Admission(order.workflowId(), earlier.get().status().name(), false);
    }
    incidents.updates().update(incident.id(), "runAction", order, order.workflowId());
    return new Admission(order.workflowId(), statusAfterStart(order), true);
  }

  /**
   * For a {@code rollback} action, the rollback as the rollback API orders it: the caller must also
   * hold the service's rollback roles, so a playbook never rolls back what its caller could not. An
   * action with its own approval was approved by a second person before the rollback starts, so the
   * rollback does not ask again; without one, the service's policy asks as it always does.
   */
  private RollbackOrder rollback(
      IncidentView incident, ActionSpec action, String reason, Caller caller, String key) {
    if (!(action.step() instanceof ActionStep.Rollback step)) {
      return null;
    }
    RollbackOrder order =
        rollbacks.forAction(
            incident,
            step.service(),
            "Playbook action " + action.name() + (reason == null ? "" : ": " + reason),
            new IncidentRollbacks.Requester(caller.name(), caller.label(), caller.may()),
            key);
    return action.approval() == null
        ? order
        : new RollbackOrder(order.request(), order.policy().withoutApproval());
  }

  /**
   * The new run's status. The run has started once the incident answered, but a server may not
   * answer a query before the run's first workflow task; the caller then gets the status the run
   * begins in, as the run exists either way.
   */
  private String statusAfterStart(ActionOrder order) {
    String initial =
        (order.action().approval() != null
                ? ActionRunStatus.AWAITING_APPROVAL
                : ActionRunStatus.RUNNING)
            .name();
    try {
      return find(order.workflowId()).map(view -> view.status().name()).orElse(initial);
    } catch (RuntimeException notYet) {
      log.info(
          "{} started; its status is not readable yet: {}", order.workflowId(), notYet.toString());
      return initial;
    }
  }

  /**
   * The action as the incident's playbook configures it, for a caller that asks for its parameters
   * before running it (Slack's form); refused as {@link #run} refuses.
   */
  public ActionSpec action(String incidentId, String actionName) {
    return action(playbookOf(incidents.reads().view(incidentId)), actionName);
  }

  /**
   * The run, if it belongs to the incident.
   *
   * @param incidentId null when the caller only has the run id (an Approve button's value)
   */
  public ActionRunView view(String incidentId, String runId) {
    String prefix =
        incidentId == null
            ? ActionRunWorkflow.WORKFLOW_ID_PREFIX
            : ActionRunWorkflow.workflowId(incidentId, "");
    // Only an action run's id is queried as one: any other workflow's state is not a run's.
    if (!runId.startsWith(prefix)) {
      throw notFound(incidentId, runId);
    }
    return find(runId).orElseThrow(() -> notFound(incidentId, runId));
  }

  /**
   * Approves or refuses a run waiting for approval. Who may decide is the action's approval rule
   * (its roles, or the roles that may run it); whoever asked for the run may refuse it but never
   * approve it.
   */
  public ActionRunView decide(
      String incidentId, String runId, boolean approve, Caller caller, String comment) {
    ActionRunView run = view(incidentId, runId);
    if (run.status() != ActionRunStatus.AWAITING_APPROVAL) {
      throw new Refusal(
          409,
          "invalid_transition",
          "Action run "
              + runId
              + " is "
              + statusWord(run.status())
              + "; only a run awaiting approval can be approved or refused.");
    }
    if (approve && caller.name().equals(run.requestedBy())) {
      throw new Refusal(
          403,
          "forbidden",
          caller.label()
              + " asked for this run of "
              + run.action()
              + ", so someone else must approve it.");
    }
    ActionSpec action =
        incidents
            .playbooks()
            .named(run.playbook())
            .flatMap(p -> p.action(run.action()))
            .orElseThrow(
                () ->
                    new Refusal(
                        409,
                        "invalid_transition",
                        "The action "
                            + run.action()
                            + " is no longer in playbook "
                            + run.playbook()
                            + "'s config, so nobody can decide on its run."));
    List<String> deciders =
        action.approval() != null && !action.approval().approverRoles().isEmpty()
            ? action.approval().approverRoles()
            : action.roles();
    requireRole(deciders, caller, (approve ? "Approving " : "Refusing ") + action.name());
    Approval approval = new Approval(caller.name(), RequiredFields.blankToNull(comment));
    ActionRunWorkflow stub = incidents.client().newWorkflowStub(ActionRunWorkflow.class, runId);
    return within(
        incidents.deadlines().command(),
        () -> approve ? stub.approve(approval) : stub.refuse(approval),
        "The decision may still be applied; check the run before deciding again.",
        runId);
  }

  /** The runs the incident's timeline recorded as started, oldest first. */
  public static List<String> runIds(IncidentView incident) {
    String prefix = ActionRunWorkflow.workflowId(incident.id(), "");
    Pattern started = Pattern.compile("\\((" + Pattern.quote(prefix) + "[A-Za-z0-9._-]+)\\)");
    return incident.timeline().stream()
        .filter(entry -> "action-requested".equals(entry.kind()))
        .map(entry -> started.matcher(entry.text()))
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .distinct()
        .toList();
  }

  private PlaybookSpec playbookOf(IncidentView incident) {
    if (incident.status() == IncidentStatus.CLOSED) {
      throw new Refusal(
          409,
          "invalid_transition",
          "Incident " + incident.id() + " is closed; its playbook's actions can no longer run.");
    }
    if (incident.playbook() == null) {
      throw new Refusal(
          409,
          "no_playbook",
          "Incident "
              + incident.id()
              + " follows no playbook, so it has no actions; attach one first (POST /api/v1/incidents/"
              + incident.id()
              + "/playbook).");
    }
    return incidents
        .playbooks()
        .named(incident.playbook().name())
        .orElseThrow(
            () ->
                new Refusal(
                    409,
                    "no_playbook",
                    "Incident "
                        + incident.id()
                        + " follows playbook "
                        + incident.playbook().name()
                        + ", which is no longer in the config."));
  }

  private static ActionSpec action(PlaybookSpec playbook, String name) {
    return playbook
        .action(name)
        .orElseThrow(
            () ->
                Refusal.notFound(
                    "Playbook "
                        + playbook.name()
                        + " has no action '"
                        + name
                        + "'; "
                        + (playbook.actions().isEmpty()
                            ? "it has none."
                            : "its actions: "
                                + playbook.actions().stream()
                                    .map(ActionSpec::name)
                                    .collect(Collectors.joining(", "))
                                + ".")));
  }

  /** Any of the roles (a responder when the list is empty), or a 403 that names them. */
  private static void requireRole(List<String> roles, Caller caller, String what) {
    List<String> needed = roles.isEmpty() ? List.of(Role.RESPONDER.label()) : roles;
    if (needed.stream().map(Role::of).noneMatch(caller.may())) {
      throw new Refusal(
          403,
          "forbidden",
          what
              + " needs one of the roles "
              + String.join(", ", needed)
              + ", which "
              + caller.label()
              + " does not have.");
    }
  }

  /**
   * The action's {@code verify} names that are services with a health endpoint. Names of the
   * playbook's probes are left to the run, which has the action's own list.
   */
  private List<HealthCheck> verifyChecks(ActionSpec action) {
    return action.verify().stream()
        .map(config::service)
        .flatMap(Optional::stream)
        .filter(s -> s.healthUrl() != null && !s.healthUrl().isBlank())
        .map(ActionRuns::check)
        .toList();
  }

  private static HealthCheck check(ServiceConfig service) {
    return new HealthCheck(
        service.name(), service.healthUrl(), VERIFY_TIMEOUT, service.nonCriticalChecks());
  }

  /** Whether a run found under a key is the one this request asks for. */
  private static boolean sameRequest(ActionRunView earlier, ActionOrder order) {
    return earlier.action().equals(order.action().name())
        && earlier.parameters().equals(order.parameters())
        && Objects.equals(RequiredFields.blankToNull(earlier.reason()), order.reason())
        && Objects.equals(earlier.undoes(), order.undoes());
  }

  private Optional<ActionRunView> find(String runId) {
    return within(
        incidents.deadlines().read(),
        () ->
            WorkflowQuery.ifExists(
                () -> incidents.client().newWorkflowStub(ActionRunWorkflow.class, runId).state()),
        "Nothing changed.",
        runId);
  }

  private <T> T within(Duration limit, Supplier<T> call, String consequence, String runId) {
    return incidents
        .deadlines()
        .within(
            limit,
            call,
            text -> TemporalDeadlines.notAnswering("Action run " + runId, text, consequence));
  }

  private static Refusal notFound(String incidentId, String runId) {
    return Refusal.notFound(
        (incidentId == null ? "There is" : "Incident " + incidentId + " has")
            + " no action run '"
            + runId
            + "'.");
  }

  private static String statusWord(ActionRunStatus status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String clipKey(String key) {
    return key.length() <= 100 ? key : key.substring(0, 100);
  }
}
