package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.service.IncidentIds;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.starter.service.WorkflowQuery;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.DeclarationLimits;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowServiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares an incident for a person: the HTTP API and Slack (command and form) both come here, so a
 * declaration is checked by the same {@link DeclarationRules}, gets its id from the same counter
 * and starts the same way whichever way it arrived. (An alert declares through {@link
 * AlertDeliveries}, a job or a maintenance window through {@code ChildIncident}; every incident
 * counts itself and tells the running maintenance windows once it runs.)
 *
 * <p>Calls are Temporal calls only, under the {@link TemporalDeadlines}: a declaration Temporal
 * does not confirm within the limit is refused with a sentence that says it may still take effect.
 */
public final class Declarations {

  private static final Logger log = LoggerFactory.getLogger(Declarations.class);

  private static final int MAX_ID_ATTEMPTS = 200;

  private final WorkflowClient client;
  private final FirebreakConfig config;
  private final IncidentStarts starts;
  private final IncidentIds ids;
  private final Clock clock;
  private final TemporalDeadlines deadlines;
  private final IncidentListing listing;
  private final DeclarationsByKey keys = new DeclarationsByKey();

  /**
   * Whether a declaration's Idempotency-Key goes into its search attribute: on while the server has
   * the search attributes, off for good once it refuses this one (registered before it existed).
   */
  private volatile boolean keysIndexed;

  Declarations(
      WorkflowClient client,
      FirebreakConfig config,
      IncidentStarts starts,
      IncidentIds ids,
      Clock clock,
      TemporalDeadlines deadlines,
      IncidentListing listing) {
    this.client = client;
    this.config = config;
    this.starts = starts;
    this.ids = ids;
    this.clock = clock;
    this.deadlines = deadlines;
    this.listing = listing;
    this.keysIndexed = listing.searchAttributes();
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
   * @param draft its id and time are set here; the title is declared without surrounding blanks
   * @param idempotencyKey null when the caller sent none
   * @throws Refusal when the draft breaks a {@link DeclarationRules} rule
   */
  public Declared declare(Declaration draft, String idempotencyKey) {
    return declare(draft, idempotencyKey, null);
  }

  /**
   * As {@link #declare(Declaration, String)}, following the named playbook.
   *
   * @param playbook the playbook the declaration names; null for the first one that matches
   */
  public Declared declare(Declaration draft, String idempotencyKey, PlaybookSpec playbook) {
    check(draft);
    Instant requestedAt = Instant.now(clock);
    if (idempotencyKey == null) {
      return deadlines.starting(
          () -> new Declared(start(draft, requestedAt, null, playbook), true),
          Declarations::declarationNotConfirmed);
    }
    DeclarationsByKey.Entry entry = keys.entry(idempotencyKey);
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
                          () ->
                              new Declared(
                                  start(draft, requestedAt, idempotencyKey, playbook), true)),
              Declarations::declarationNotConfirmed);
      entry.remember(declared.id());
      return declared;
    } finally {
      entry.lock.unlock();
    }
  }

  /**
   * Refuses a draft that breaks a {@link DeclarationRules} rule. {@link #declare} checks it too; a
   * caller checks first when a refusal must come before its own checks (the API's, of the
   * Idempotency-Key).
   */
  public void check(Declaration draft) {
    DeclarationRules.refusal(config, draft)
        .ifPresent(
            problem -> {
              throw Refusal.badRequest(problem);
            });
  }

  private boolean tryLock(DeclarationsByKey.Entry entry) {
    try {
      return entry.lock.tryLock(deadlines.command().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Refusal declarationNotConfirmed(String limit) {
    return new Refusal(
        503,
        "temporal_unavailable",
        "Temporal did not confirm the declaration within "
            + limit
            + ", so it may still take effect once Temporal answers. Retry with the same 'Idempotency-Key' header to get "
            + "that incident rather than a second one (without a key, check GET /api/v1/incidents first).");
  }

  /**
   * The running incident a declaration with this key started, read from the memos (never a query to
   * a workflow). On a real server with the key's search attribute the listing is one row or none;
   * an incident declared before the attribute existed is not among them.
   */
  private Optional<String> findByKey(String idempotencyKey) {
    for (WorkflowExecutionInfo info : listing.runningWithKey(idempotencyKey, keysIndexed)) {
      String key = listing.memo(info, IncidentStarts.IDEMPOTENCY_KEY_MEMO);
      if (idempotencyKey.equals(key)) {
        return Optional.of(IncidentListing.incidentId(info));
      }
    }
    return Optional.empty();
  }

  private String start(
      Declaration draft, Instant requestedAt, String idempotencyKey, PlaybookSpec playbook) {
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = ids.next();
      // Within the limits already (the rules refused it otherwise): fitting only strips the title.
      Declaration declaration = DeclarationLimits.fitted(draft).issued(id, requestedAt);
      try {
        startIncident(declaration, idempotencyKey, playbook);
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
    throw new Refusal(503, "temporal_unavailable", "Could not find a free incident id; try again.");
  }

  /**
   * Starts the workflow with the key as a search attribute while the server takes it. A server that
   * has Firebreak's other search attributes but not this one refuses the start; the declaration is
   * started again without it, and so is every later one.
   */
  private void startIncident(
      Declaration declaration, String idempotencyKey, PlaybookSpec playbook) {
    boolean indexKey = idempotencyKey != null && keysIndexed;
    try {
      startWorkflow(declaration, idempotencyKey, indexKey, playbook);
    } catch (WorkflowServiceException refused) {
      if (!indexKey || !refusesKeyAttribute(refused)) {
        throw refused;
      }
      keysIndexed = false;
      log.warn(
          "Temporal does not know the search attribute {}: declarations are started without it, and a "
              + "retry with an Idempotency-Key that reaches another API process is matched by listing every "
              + "running incident. Register it (--register-search-attributes, or temporal operator "
              + "search-attribute create --name {} --type Keyword) and restart the API.",
          IncidentSearchAttributes.IDEMPOTENCY_KEY.getName(),
          IncidentSearchAttributes.IDEMPOTENCY_KEY.getName());
      startWorkflow(declaration, idempotencyKey, false, playbook);
    }
  }

  private void startWorkflow(
      Declaration declaration, String idempotencyKey, boolean indexKey, PlaybookSpec playbook) {
    IncidentInput input = starts.input(declaration, playbook);
    IncidentWorkflow workflow =
        client.newWorkflowStub(
            IncidentWorkflow.class, starts.options(declaration, input, idempotencyKey, indexKey));
    WorkflowClient.start(workflow::run, input);
  }

  private static boolean refusesKeyAttribute(WorkflowServiceException refused) {
    return TemporalFailures.refusedArgument(
        refused, IncidentSearchAttributes.IDEMPOTENCY_KEY.getName());
  }
}
