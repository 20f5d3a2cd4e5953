package dev.firebreak.starter.incidents;

import com.google.protobuf.ByteString;
import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.starter.service.WorkflowQuery;
import dev.firebreak.workflows.incident.IncidentMemo;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists incidents, newest first, from the listing and the memos alone: a list never queries a
 * workflow, so a stuck one cannot slow it. Titles come from the memo written at start, status and
 * severity from the memo the workflow keeps current.
 *
 * <p>A real Temporal server is asked with visibility queries ({@link IncidentVisibilityQuery}): the
 * workflow type, the execution status and, when the server has Firebreak's search attributes, the
 * filter's status, severity and service, so the server does the filtering. The embedded test server
 * answers no queries ({@code UNIMPLEMENTED}); the first list finds that out and every later one
 * uses {@code ListOpen/ListClosedWorkflowExecutions} instead. Either way each row is checked
 * against the filter by its memo, which is what filters on the embedded server and on a server
 * without the search attributes.
 */
final class IncidentListing {

  private static final Logger log = LoggerFactory.getLogger(IncidentListing.class);

  private static final String WORKFLOW_TYPE = IncidentStarts.WORKFLOW_TYPE;

  /** How many closed incidents a list shows at most, the most recently closed. */
  static final int CLOSED_PAGE = 100;

  private static final int RUNNING_PAGE = 1000;

  /** A key starts one incident; a few rows leave room for one whose memo turns out not to match. */
  private static final int KEYED_PAGE = 10;

  private final WorkflowClient client;
  private final TemporalDeadlines deadlines;
  private final boolean searchAttributes;

  /** Null until the first list has found out whether the server answers visibility queries. */
  private volatile Boolean queries;

  /**
   * @param searchAttributes whether the server has Firebreak's search attributes registered
   */
  IncidentListing(WorkflowClient client, TemporalDeadlines deadlines, boolean searchAttributes) {
    this.client = client;
    this.deadlines = deadlines;
    this.searchAttributes = searchAttributes;
  }

  /** Whether the server has Firebreak's search attributes registered, as the operator said. */
  boolean searchAttributes() {
    return searchAttributes;
  }

  List<IncidentSummary> list(IncidentFilter filter) {
    return deadlines.within(
        deadlines.read(),
        () -> listRows(filter),
        limit ->
            new Refusal(
                504,
                "timeout",
                "Temporal did not list the incidents within " + limit + "; try again shortly."));
  }

  private List<IncidentSummary> listRows(IncidentFilter filter) {
    List<WorkflowExecutionInfo> running = filter.wantsRunning() ? running(filter) : List.of();
    List<WorkflowExecutionInfo> closed = filter.wantsClosed() ? closed(filter) : List.of();
    Set<String> runningIds =
        running.stream().map(i -> i.getExecution().getWorkflowId()).collect(Collectors.toSet());
    List<WorkflowExecutionInfo> listed = new ArrayList<>(running);
    closed.stream()
        .filter(
            info ->
                info.getStatus()
                    != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
        // An alert's id may start again once its incident closed: the running one is the incident
        // now.
        .filter(info -> !runningIds.contains(info.getExecution().getWorkflowId()))
        .forEach(listed::add);
    return deadlines
        .readEach(
            listed,
            info -> summary(info, runningIds.contains(info.getExecution().getWorkflowId())),
            (info, why) ->
                unread(info, runningIds.contains(info.getExecution().getWorkflowId()), why))
        .stream()
        .filter(filter::matches)
        .sorted(
            Comparator.comparing(
                IncidentSummary::declaredAt, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  private List<WorkflowExecutionInfo> running(IncidentFilter filter) {
    return answersQueries()
        ? query(
            IncidentVisibilityQuery.running(filter, searchAttributes),
            RUNNING_PAGE,
            Integer.MAX_VALUE)
        : OpenWorkflows.ofType(client, WORKFLOW_TYPE);
  }

  /**
   * The running incidents that may carry this Idempotency-Key in their memo: with a query on the
   * key's search attribute, one row or none; else (and for a key the query cannot match exactly,
   * see {@link IncidentVisibilityQuery#findsKey}) every running incident. The caller checks the
   * memo either way.
   *
   * @param keysIndexed whether incidents are started with the key as a search attribute (never
   *     without {@link #searchAttributes()})
   */
  List<WorkflowExecutionInfo> runningWithKey(String idempotencyKey, boolean keysIndexed) {
    return keysIndexed && IncidentVisibilityQuery.findsKey(idempotencyKey) && answersQueries()
        ? query(IncidentVisibilityQuery.runningWithKey(idempotencyKey), KEYED_PAGE, KEYED_PAGE)
        : OpenWorkflows.ofType(client, WORKFLOW_TYPE);
  }

  private List<WorkflowExecutionInfo> closed(IncidentFilter filter) {
    if (answersQueries()) {
      return query(
          IncidentVisibilityQuery.closed(filter, searchAttributes), CLOSED_PAGE, CLOSED_PAGE);
    }
    // The embedded server ignores the type filter: jobs and maintenance windows would be listed as
    // incidents.
    return WorkflowQuery.listing(
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .listClosedWorkflowExecutions(
                        ListClosedWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(WORKFLOW_TYPE))
                            .setMaximumPageSize(CLOSED_PAGE)
                            .build()))
        .getExecutionsList()
        .stream()
        .filter(info -> WORKFLOW_TYPE.equals(info.getType().getName()))
        .toList();
  }

  /**
   * Whether the server answers visibility queries, found out by the first list with one small query
   * and remembered: a server does not change kind under a running process. A failure for any other
   * reason (the server unreachable) decides nothing, so the next list asks again.
   */
  boolean answersQueries() {
    Boolean known = queries;
    if (known != null) {
      return known;
    }
    try {
      query(IncidentVisibilityQuery.probe(), 1, 1);
      queries = true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      queries = false;
      log.info(
          "Temporal answers no visibility queries (the embedded test server): incidents are listed without "
              + "them and filtered by their memos");
    }
    return queries;
  }

  /** Up to {@code max} executions, a page of {@code pageSize} at a time. */
  private List<WorkflowExecutionInfo> query(String query, int pageSize, int max) {
    List<WorkflowExecutionInfo> found = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsRequest request =
          ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setQuery(query)
              .setPageSize(pageSize)
              .setNextPageToken(page)
              .build();
      ListWorkflowExecutionsResponse response =
          client.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(request);
      found.addAll(response.getExecutionsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty() && found.size() < max);
    return found.size() > max ? found.subList(0, max) : found;
  }

  private IncidentSummary summary(WorkflowExecutionInfo listed, boolean running) {
    WorkflowExecutionInfo info = withMemo(listed);
    Map<String, Payload> memo = info.getMemo().getFieldsMap();
    String declaredAt = memo(memo, IncidentMemo.DECLARED_AT);
    String status = memo(memo, IncidentMemo.STATUS);
    return new IncidentSummary(
        incidentId(info),
        memo(memo, IncidentMemo.TITLE),
        memo(memo, IncidentMemo.SEVERITY),
        memo(memo, IncidentMemo.SERVICE),
        !running ? IncidentFilter.CLOSED : status != null ? status : "OPEN",
        declaredAt != null ? Instant.parse(declaredAt) : startTime(info),
        null);
  }

  /** What the listing alone knows of an incident whose memo could not be read. */
  private static IncidentSummary unread(WorkflowExecutionInfo info, boolean running, String why) {
    return new IncidentSummary(
        incidentId(info),
        null,
        null,
        null,
        running ? "OPEN" : IncidentFilter.CLOSED,
        startTime(info),
        "Its details " + why + "; GET the incident to see it.");
  }

  static String incidentId(WorkflowExecutionInfo info) {
    return info.getExecution().getWorkflowId().substring(IncidentWorkflow.workflowId("").length());
  }

  private static Instant startTime(WorkflowExecutionInfo info) {
    return Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos());
  }

  /** One field of the execution's memo, read again when the listing left the memo out. */
  String memo(WorkflowExecutionInfo listed, String key) {
    return memo(withMemo(listed).getMemo().getFieldsMap(), key);
  }

  /**
   * The embedded test server lists closed executions without their memo; describing one brings it
   * back.
   */
  private WorkflowExecutionInfo withMemo(WorkflowExecutionInfo listed) {
    if (listed.getMemo().getFieldsMap().containsKey(IncidentMemo.TITLE)) {
      return listed;
    }
    return client
        .newUntypedWorkflowStub(listed.getExecution().getWorkflowId())
        .describe()
        .getWorkflowExecutionInfo();
  }

  private String memo(Map<String, Payload> memo, String key) {
    Payload payload = memo.get(key);
    DataConverter converter = client.getOptions().getDataConverter();
    return payload == null ? null : converter.fromPayload(payload, String.class, String.class);
  }
}
