package dev.firebreak.starter.api;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentMemo;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the API asks of Temporal about incidents: start, list, query, update, signal. Calls
 * are Temporal calls only (no provider I/O), so a handler never waits on Slack or a health
 * endpoint.
 *
 * <p>Listing is {@link IncidentListing}'s.
 *
 * <p>Every call runs under the API's {@link TemporalDeadlines}: it answers within its limit and
 * says what was slow.
 */
public final class IncidentGateway {

  private static final Logger log = LoggerFactory.getLogger(IncidentGateway.class);

  static final String WORKFLOW_TYPE = IncidentWorkflow.class.getSimpleName();
  private static final int MAX_ID_ATTEMPTS = 200;
  private static final int SUMMARY_BYTES = 200;
  private static final int MAX_ALERT_ATTEMPTS = 3;

  private final WorkflowClient client;
  private final IncidentPolicyFactory policies;
  private final IncidentIds ids;
  private final Clock clock;
  private final TemporalDeadlines deadlines;
  private final IssuedIds issued;
  private final DeclarationKeys keys = new DeclarationKeys();
  private final IncidentListing listing;

  /**
   * The memo field that holds a declaration's Idempotency-Key, for a retry that reaches another API
   * process.
   */
  static final String IDEMPOTENCY_KEY_MEMO = "idempotencyKey";

  /**
   * The gateway a process shares between its API and its Slack endpoints, so both hand out incident
   * ids from one counter.
   */
  public static IncidentGateway of(
      WorkflowClient client, FirebreakConfig config, boolean searchAttributes) {
    return of(client, config, searchAttributes, IssuedIds.NONE);
  }

  /**
   * @param issued where incident and maintenance window ids outlive the process (dev mode's file)
   */
  public static IncidentGateway of(
      WorkflowClient client, FirebreakConfig config, boolean searchAttributes, IssuedIds issued) {
    return new IncidentGateway(
        client,
        new IncidentPolicyFactory(config, searchAttributes),
        Clock.systemUTC(),
        TemporalDeadlines.standard(),
        issued);
  }

  /** Maintenance windows hand out their ids with the same record of issued ones. */
  IssuedIds issuedIds() {
    return issued;
  }

  /** The time limits the API's other gateways share. */
  TemporalDeadlines deadlines() {
    return deadlines;
  }

  /** The same connection serves the rollbacks the API starts. */
  WorkflowClient client() {
    return client;
  }

  /** Maintenance windows declare their incidents by the same policies. */
  IncidentPolicyFactory policies() {
    return policies;
  }

  IncidentGateway(
      WorkflowClient client,
      IncidentPolicyFactory policies,
      Clock clock,
      TemporalDeadlines deadlines) {
    this(client, policies, clock, deadlines, IssuedIds.NONE);
  }

  IncidentGateway(
      WorkflowClient client,
      IncidentPolicyFactory policies,
      Clock clock,
      TemporalDeadlines deadlines,
      IssuedIds issued) {
    this.client = client;
    this.policies = policies;
    this.issued = issued;
    this.ids = new IncidentIds(clock, "INC", issued);
    this.clock = clock;
    this.deadlines = deadlines;
    this.listing = new IncidentListing(client, deadlines, policies.searchAttributes());
  }

  /** Starts the incident workflow under the first free id and returns that id. */
  public String declare(Declaration draft) {
    return declare(draft, null).id();
  }

  /**
   * Starts the incident, or, for an Idempotency-Key already used, finds the incident it started: in
   * this process's memory, else (a retry that reaches another API process) by the key in the memo
   * of the running incidents. A declaration Temporal does not confirm within the limit is a 503
   * that says it may still take effect, and that the same key is the safe way to retry.
   *
   * @param idempotencyKey null when the caller sent none
   */
  Declared declare(Declaration draft, String idempotencyKey) {
    Instant requestedAt = Instant.now(clock);
    if (idempotencyKey == null) {
      return deadlines.starting(
          () -> new Declared(start(draft, requestedAt, null), true),
          IncidentGateway::declarationNotConfirmed);
    }
    DeclarationKeys.Entry entry = keys.entry(idempotencyKey);
    // One declaration per key at a time in this process: a retry waits for the first attempt's
    // outcome, but no longer than its own limit.
    if (!tryLock(entry)) {
      throw declarationNotConfirmed(HumanDuration.exact(deadlines.command()));
    }
    try {
      if (entry.incidentId() != null) {
        return new Declared(entry.incidentId(), false);
      }
      Declared declared =
          deadlines.starting(
              () ->
                  findByKey(idempotencyKey)
                      .map(id -> new Declared(id, false))
                      .orElseGet(
                          () -> new Declared(start(draft, requestedAt, idempotencyKey), true)),
              IncidentGateway::declarationNotConfirmed);
      entry.remember(declared.id());
      return declared;
    } finally {
      entry.lock.unlock();
    }
  }

  private boolean tryLock(DeclarationKeys.Entry entry) {
    try {
      return entry.lock.tryLock(deadlines.command().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static ApiError declarationNotConfirmed(String limit) {
    return new ApiError(
        503,
        "temporal_unavailable",
        "Temporal did not confirm the declaration within "
            + limit
            + ", so it may still take effect once Temporal answers. Retry with the same 'Idempotency-Key' header to get "
            + "that incident rather than a second one (without a key, check GET /api/v1/incidents first).");
  }

  /**
   * The running incident a declaration with this key started, read from the memos (never a query).
   */
  private Optional<String> findByKey(String idempotencyKey) {
    for (WorkflowExecutionInfo info : OpenWorkflows.ofType(client, WORKFLOW_TYPE)) {
      String key = listing.memo(info, IDEMPOTENCY_KEY_MEMO);
      if (idempotencyKey.equals(key)) {
        return Optional.of(IncidentListing.incidentId(info));
      }
    }
    return Optional.empty();
  }

  private String start(Declaration draft, Instant requestedAt, String idempotencyKey) {
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = ids.next();
      Declaration declaration =
          new Declaration(
              id,
              draft.title(),
              draft.severity(),
              draft.service(),
              draft.description(),
              draft.commander(),
              draft.declaredBy(),
              requestedAt);
      IncidentWorkflow workflow =
          client.newWorkflowStub(IncidentWorkflow.class, options(declaration, idempotencyKey));
      try {
        WorkflowClient.start(
            workflow::run,
            IncidentInput.declared(declaration, policies.forService(draft.service())));
        log.info(
            "{} declared: {} {} '{}' by {}",
            id,
            draft.severity(),
            draft.service(),
            draft.title(),
            draft.declaredBy());
        return id;
      } catch (WorkflowExecutionAlreadyStarted e) {
        log.info(
            "{} already taken (another API replica or an earlier run); looking for the next free id",
            id);
        ids.skipTaken(
            id, taken -> WorkflowQuery.exists(client, IncidentWorkflow.workflowId(taken)));
      }
    }
    throw new ApiError(
        503, "temporal_unavailable", "Could not find a free incident id; try again.");
  }

  /**
   * Delivers a firing alert: starts its incident under the declaration's id, or signals the
   * incident running under it, in one atomic signal-with-start (the deduplication the alert intake
   * relies on). A closed incident's id may start again: the alert's next incident.
   *
   * <p>The dev test server is not atomic here: of two concurrent signal-with-starts, one can fail
   * with "already started" (a real server signals instead). The incident then runs, so the delivery
   * becomes a signal to it, or, should that incident have closed meanwhile, starts the next one.
   */
  public void alertFiring(Declaration received, AlertReceived alert) {
    Declaration declaration =
        received.declaredAt() != null
            ? received
            : new Declaration(
                received.id(),
                received.title(),
                received.severity(),
                received.service(),
                received.description(),
                received.commander(),
                received.declaredBy(),
                Instant.now(clock));
    WorkflowOptions options =
        WorkflowOptions.newBuilder(options(declaration, null))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    IncidentInput state =
        IncidentInput.declared(declaration, policies.forService(declaration.service()));
    deadlines.starting(
        () -> {
          deliverFiring(declaration, options, state, alert);
          return null;
        },
        IncidentGateway::alertNotConfirmed);
  }

  private static ApiError alertNotConfirmed(String limit) {
    return new ApiError(
        503,
        "temporal_unavailable",
        "Temporal did not confirm the alert within "
            + limit
            + ", so it may still be recorded once Temporal answers. Sending it again is safe: an alert's fingerprint "
            + "finds its incident, so a repeat is counted, never declared twice.");
  }

  private void deliverFiring(
      Declaration declaration, WorkflowOptions options, IncidentInput state, AlertReceived alert) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .newUntypedWorkflowStub(WORKFLOW_TYPE, options)
            .signalWithStart("alert", new Object[] {alert}, new Object[] {state});
        return;
      } catch (WorkflowExecutionAlreadyStarted raced) {
        if (alertIfRunning(declaration.id(), alert)) {
          return;
        }
        if (attempt == MAX_ALERT_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  /**
   * Delivers an alert to the incident running under the id; false when none runs (nothing to record
   * it in).
   */
  public boolean alertIfRunning(String id, AlertReceived alert) {
    return deadlines.starting(
        () -> {
          try {
            workflow(id).alert(alert);
            return true;
          } catch (WorkflowNotFoundException closed) {
            return false;
          }
        },
        IncidentGateway::alertNotConfirmed);
  }

  private WorkflowOptions options(Declaration d, String idempotencyKey) {
    Map<String, Object> memo = new HashMap<>(IncidentMemo.of(d, d.severity(), d.declaredAt()));
    if (idempotencyKey != null) {
      memo.put(IDEMPOTENCY_KEY_MEMO, idempotencyKey);
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentWorkflow.workflowId(d.id()))
        .setTaskQueue(TaskQueue.NAME)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(
            Clip.utf8(d.severity() + " · " + d.service() + " · " + d.title(), SUMMARY_BYTES))
        .setStaticDetails(details(d))
        .setMemo(memo)
        .build();
  }

  private static String details(Declaration d) {
    StringBuilder md =
        new StringBuilder()
            .append("**")
            .append(d.id())
            .append("** — ")
            .append(d.title())
            .append("\n\n")
            .append("- Severity: ")
            .append(d.severity())
            .append('\n')
            .append("- Service: ")
            .append(d.service())
            .append('\n')
            .append("- Declared by: ")
            .append(d.declaredBy())
            .append('\n');
    if (d.commander() != null) {
      md.append("- Commander: ").append(d.commander()).append('\n');
    }
    if (d.description() != null) {
      md.append('\n').append(d.description()).append('\n');
    }
    return md.toString();
  }

  /** Newest first; with {@code runningOnly}, only incidents whose workflow still runs. */
  public List<IncidentSummary> list(boolean runningOnly) {
    return list(runningOnly ? IncidentFilter.RUNNING : IncidentFilter.ALL);
  }

  /** Newest first, the incidents the filter matches. */
  public List<IncidentSummary> list(IncidentFilter filter) {
    return listing.list(filter);
  }

  public IncidentView view(String id) {
    return deadlines.within(
        deadlines.read(),
        () -> workflow(id).state(),
        limit -> notAnswering(id, limit, "Nothing changed."));
  }

  String postMortem(String id) {
    return deadlines.within(
        deadlines.read(),
        () -> workflow(id).postMortem(),
        limit -> notAnswering(id, limit, "Nothing changed."));
  }

  void addNote(String id, Note note) {
    deadlines.within(
        deadlines.read(),
        () -> workflow(id).addNote(note),
        limit ->
            notAnswering(
                id,
                limit,
                "The note may still be added; check the timeline before sending it again."));
  }

  private static ApiError notAnswering(String id, String limit, String consequence) {
    return TemporalDeadlines.notAnswering("Incident " + id, limit, consequence);
  }

  /**
   * Sends one command as an update. The caller's idempotency key, when given, is the update id, so
   * the workflow applies a retried request once (Temporal deduplicates update ids per run).
   */
  public IncidentView update(
      String id, IncidentAction action, Object command, String idempotencyKey) {
    UpdateOptions<IncidentView> options =
        UpdateOptions.newBuilder(IncidentView.class)
            .setUpdateName(action.updateName)
            .setUpdateId(idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString())
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build();
    Duration limit = deadlines.command();
    IncidentView view =
        deadlines.within(
            limit,
            () ->
                client
                    .newUntypedWorkflowStub(IncidentWorkflow.workflowId(id))
                    .startUpdate(options, command)
                    .getResult(limit.toMillis(), TimeUnit.MILLISECONDS),
            text ->
                notAnswering(
                    id,
                    text,
                    "The command may still be applied; check the incident (GET /api/v1/incidents/"
                        + id
                        + ") before retrying"
                        + (idempotencyKey == null
                            ? "."
                            : ", or retry with the same Idempotency-Key.")));
    log.info("{}: {} applied", id, action.updateName);
    return view;
  }

  private IncidentWorkflow workflow(String id) {
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id));
  }
}
