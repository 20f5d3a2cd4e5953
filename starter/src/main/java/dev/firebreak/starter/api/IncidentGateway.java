package dev.firebreak.starter.api;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentMemo;
import dev.firebreak.workflows.incident.IncidentState;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the API asks of Temporal about incidents: start, list, query, update, signal. Calls are
 * Temporal calls only (no provider I/O), so a handler never waits on Slack or a health endpoint.
 *
 * <p>Listing uses {@code ListOpen/ListClosedWorkflowExecutions} filtered by workflow type, which
 * both the dev test server and a real cluster answer (the dev server has no advanced visibility);
 * titles and severities come from the memo written at start.
 */
public final class IncidentGateway {

  private static final Logger log = LoggerFactory.getLogger(IncidentGateway.class);

  static final String WORKFLOW_TYPE = IncidentWorkflow.class.getSimpleName();
  /** Running incidents whose phase is queried for a list; the rest show as OPEN to keep listing cheap. */
  static final int QUERIED_FOR_STATUS = 25;
  private static final int LIST_PAGE = 100;
  private static final int MAX_ID_ATTEMPTS = 200;
  private static final int SUMMARY_BYTES = 200;
  private static final int MAX_ALERT_ATTEMPTS = 3;

  private final WorkflowClient client;
  private final IncidentPolicyFactory policies;
  private final IncidentIds ids;
  private final Clock clock;
  private final Duration updateTimeout;

  /** How long a command may take inside the workflow (resolve runs health checks) before callers give up. */
  static final Duration UPDATE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The gateway a process shares between its API and its Slack endpoints, so both hand out
   * incident ids from one counter.
   */
  public static IncidentGateway of(WorkflowClient client, FirebreakConfig config, boolean searchAttributes) {
    return new IncidentGateway(client, new IncidentPolicyFactory(config, searchAttributes), Clock.systemUTC(), UPDATE_TIMEOUT);
  }

  /** The same connection serves the rollbacks the API starts. */
  WorkflowClient client() {
    return client;
  }

  /** Maintenance windows declare their incidents by the same policies. */
  IncidentPolicyFactory policies() {
    return policies;
  }

  IncidentGateway(WorkflowClient client, IncidentPolicyFactory policies, Clock clock, Duration updateTimeout) {
    this.client = client;
    this.policies = policies;
    this.ids = new IncidentIds(clock);
    this.clock = clock;
    this.updateTimeout = updateTimeout;
  }

  /** Starts the incident workflow under the first free id and returns that id. */
  public String declare(Declaration draft) {
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = ids.next();
      Declaration declaration = new Declaration(id, draft.title(), draft.severity(), draft.service(),
          draft.description(), draft.commander(), draft.declaredBy(), null);
      IncidentWorkflow workflow = client.newWorkflowStub(IncidentWorkflow.class, options(declaration));
      try {
        WorkflowClient.start(workflow::run, IncidentState.declared(declaration, policies.forService(draft.service())));
        log.info("{} declared: {} {} '{}' by {}", id, draft.severity(), draft.service(), draft.title(), draft.declaredBy());
        return id;
      } catch (WorkflowExecutionAlreadyStarted e) {
        log.info("{} already taken (another API replica or an earlier run); looking for the next free id", id);
        ids.skipTaken(id, taken -> WorkflowQuery.exists(client, IncidentWorkflow.workflowId(taken)));
      }
    }
    throw new ApiError(503, "temporal_unavailable", "Could not find a free incident id; try again.");
  }

  /**
   * Delivers a firing alert: starts its incident under the declaration's id, or signals the incident
   * running under it, in one atomic signal-with-start (the deduplication the alert intake relies on).
   * A closed incident's id may start again: the alert's next incident.
   *
   * <p>The dev test server is not atomic here: of two concurrent signal-with-starts, one can fail
   * with "already started" (a real server signals instead). The incident then runs, so the delivery
   * becomes a signal to it, or, should that incident have closed meanwhile, starts the next one.
   */
  public void alertFiring(Declaration declaration, AlertReceived alert) {
    WorkflowOptions options = WorkflowOptions.newBuilder(options(declaration))
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
    IncidentState state = IncidentState.declared(declaration, policies.forService(declaration.service()));
    for (int attempt = 1; ; attempt++) {
      try {
        client.newUntypedWorkflowStub(WORKFLOW_TYPE, options).signalWithStart("alert", new Object[] {alert},
            new Object[] {state});
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

  /** Delivers an alert to the incident running under the id; false when none runs (nothing to record it in). */
  public boolean alertIfRunning(String id, AlertReceived alert) {
    try {
      workflow(id).alert(alert);
      return true;
    } catch (WorkflowNotFoundException closed) {
      return false;
    }
  }

  private WorkflowOptions options(Declaration d) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentWorkflow.workflowId(d.id()))
        .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(truncateUtf8(d.severity() + " · " + d.service() + " · " + d.title(), SUMMARY_BYTES))
        .setStaticDetails(details(d))
        .setMemo(IncidentMemo.of(d, d.severity(), Instant.now(clock)))
        .build();
  }

  private static String details(Declaration d) {
    StringBuilder md = new StringBuilder()
        .append("**").append(d.id()).append("** — ").append(d.title()).append("\n\n")
        .append("- Severity: ").append(d.severity()).append('\n')
        .append("- Service: ").append(d.service()).append('\n')
        .append("- Declared by: ").append(d.declaredBy()).append('\n');
    if (d.commander() != null) {
      md.append("- Commander: ").append(d.commander()).append('\n');
    }
    if (d.description() != null) {
      md.append('\n').append(d.description()).append('\n');
    }
    return md.toString();
  }

  static String truncateUtf8(String text, int maxBytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return text;
    }
    String cut = text;
    while (cut.getBytes(StandardCharsets.UTF_8).length > maxBytes - 3) {
      cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
    }
    return cut + "…";
  }

  /** Newest first. */
  public List<IncidentSummary> list(boolean runningOnly) {
    String namespace = client.getOptions().getNamespace();
    WorkflowTypeFilter type = WorkflowTypeFilter.newBuilder().setName(WORKFLOW_TYPE).build();
    var service = client.getWorkflowServiceStubs().blockingStub();
    // The dev server ignores the type filter: jobs and maintenance windows would be listed as incidents.
    List<WorkflowExecutionInfo> running = OpenWorkflows.ofType(client, WORKFLOW_TYPE);
    List<WorkflowExecutionInfo> closed = runningOnly ? List.of() : WorkflowQuery.listing(() -> service.listClosedWorkflowExecutions(
        ListClosedWorkflowExecutionsRequest.newBuilder()
            .setNamespace(namespace).setTypeFilter(type).setMaximumPageSize(LIST_PAGE).build()))
        .getExecutionsList().stream().filter(info -> WORKFLOW_TYPE.equals(info.getType().getName())).toList();
    Comparator<WorkflowExecutionInfo> newestFirst =
        Comparator.comparing((WorkflowExecutionInfo i) -> i.getStartTime().getSeconds())
            .thenComparing(i -> i.getStartTime().getNanos()).reversed();
    List<WorkflowExecutionInfo> runningNewestFirst = running.stream().sorted(newestFirst).toList();
    List<IncidentSummary> rows = new ArrayList<>();
    for (int i = 0; i < runningNewestFirst.size(); i++) {
      rows.add(summary(runningNewestFirst.get(i), i < QUERIED_FOR_STATUS ? statusOf(runningNewestFirst.get(i)) : "OPEN"));
    }
    Set<String> runningIds = running.stream().map(i -> i.getExecution().getWorkflowId()).collect(Collectors.toSet());
    closed.stream()
        // A long incident continues as new: its earlier runs are history of the same incident.
        .filter(info -> info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
        .filter(info -> !runningIds.contains(info.getExecution().getWorkflowId()))
        .forEach(info -> rows.add(summary(info, "CLOSED")));
    return rows.stream()
        .sorted(Comparator.comparing(IncidentSummary::declaredAt, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  private String statusOf(WorkflowExecutionInfo info) {
    try {
      return client.newWorkflowStub(IncidentWorkflow.class, info.getExecution().getWorkflowId()).state().status().name();
    } catch (RuntimeException e) {
      log.warn("{}: state query failed while listing; shown as OPEN", info.getExecution().getWorkflowId(), e);
      return "OPEN";
    }
  }

  private IncidentSummary summary(WorkflowExecutionInfo listed, String status) {
    WorkflowExecutionInfo info = withMemo(listed);
    Map<String, Payload> memo = info.getMemo().getFieldsMap();
    String declaredAt = memo(memo, IncidentMemo.DECLARED_AT);
    return new IncidentSummary(
        info.getExecution().getWorkflowId().substring(IncidentWorkflow.workflowId("").length()),
        memo(memo, IncidentMemo.TITLE),
        memo(memo, IncidentMemo.SEVERITY),
        memo(memo, IncidentMemo.SERVICE),
        status,
        declaredAt != null ? Instant.parse(declaredAt)
            : Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos()));
  }

  /** The dev test server lists closed executions without their memo; describing one brings it back. */
  private WorkflowExecutionInfo withMemo(WorkflowExecutionInfo listed) {
    if (listed.getMemo().getFieldsMap().containsKey(IncidentMemo.TITLE)) {
      return listed;
    }
    return client.newUntypedWorkflowStub(listed.getExecution().getWorkflowId()).describe().getWorkflowExecutionInfo();
  }

  private String memo(Map<String, Payload> memo, String key) {
    Payload payload = memo.get(key);
    DataConverter converter = client.getOptions().getDataConverter();
    return payload == null ? null : converter.fromPayload(payload, String.class, String.class);
  }

  public IncidentView view(String id) {
    return workflow(id).state();
  }

  String postMortem(String id) {
    return workflow(id).postMortem();
  }

  void addNote(String id, Note note) {
    workflow(id).addNote(note);
  }

  /**
   * Sends one command as an update. The caller's idempotency key, when given, is the update id, so
   * the workflow applies a retried request once (Temporal deduplicates update ids per run).
   */
  public IncidentView update(String id, IncidentAction action, Object command, String idempotencyKey) {
    UpdateOptions<IncidentView> options = UpdateOptions.newBuilder(IncidentView.class)
        .setUpdateName(action.updateName)
        .setUpdateId(idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString())
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .build();
    IncidentView view = client.newUntypedWorkflowStub(IncidentWorkflow.workflowId(id))
        .startUpdate(options, command)
        .getResult(updateTimeout.toMillis(), TimeUnit.MILLISECONDS);
    log.info("{}: {} applied", id, action.updateName);
    return view;
  }

  private IncidentWorkflow workflow(String id) {
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id));
  }
}
