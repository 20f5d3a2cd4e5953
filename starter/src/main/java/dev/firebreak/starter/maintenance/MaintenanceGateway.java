package dev.firebreak.starter.maintenance;

import dev.firebreak.starter.service.IncidentIds;
import dev.firebreak.starter.service.IssuedIds;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.starter.service.WorkflowQuery;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.maintenance.Abort;
import dev.firebreak.workflows.maintenance.Extension;
import dev.firebreak.workflows.maintenance.MaintenanceOrder;
import dev.firebreak.workflows.maintenance.MaintenancePlan;
import dev.firebreak.workflows.maintenance.MaintenanceRequest;
import dev.firebreak.workflows.maintenance.MaintenanceView;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.StepConfirmation;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the API asks of Temporal about maintenance windows. Listing queries each window (the
 * newest {@value #LISTED}) at once, each under the per-row limit: windows are few, and the query is
 * the only place their state lives, so a window that does not answer is listed as unread instead of
 * holding up the list.
 */
final class MaintenanceGateway {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceGateway.class);
  private static final int MAX_ID_ATTEMPTS = 200;
  private static final String WORKFLOW_ID_PREFIX = MaintenanceWindowWorkflow.workflowId("");
  static final int LISTED = 100;

  private final WorkflowClient client;
  private final IncidentIds ids;
  private final RunningWindows running;
  private final TemporalDeadlines deadlines;

  MaintenanceGateway(
      WorkflowClient client, Clock clock, TemporalDeadlines deadlines, IssuedIds issued) {
    this.client = client;
    this.deadlines = deadlines;
    this.ids = new IncidentIds(clock, "MW", issued);
    this.running = new RunningWindows(client);
  }

  /** Starts the window under the first free id and returns that id. */
  String schedule(MaintenanceRequest draft, MaintenancePlan plan) {
    return deadlines.starting(() -> start(draft, plan), MaintenanceGateway::notConfirmed);
  }

  private static Refusal notConfirmed(String limit) {
    return new Refusal(
        503,
        "temporal_unavailable",
        "Temporal did not confirm the maintenance window within "
            + limit
            + ", so it may still be scheduled once Temporal answers; check GET /api/v1/maintenance-windows before "
            + "scheduling it again.");
  }

  private String start(MaintenanceRequest draft, MaintenancePlan plan) {
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      String id = ids.next();
      MaintenanceRequest request =
          new MaintenanceRequest(
              id,
              draft.title(),
              draft.services(),
              draft.start(),
              draft.end(),
              draft.requestedBy(),
              draft.openIncidents());
      MaintenanceWindowWorkflow window =
          client.newWorkflowStub(
              MaintenanceWindowWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(request.workflowId())
                  .setTaskQueue(TaskQueue.NAME)
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                  .setStaticSummary(
                      Clip.utf8(
                          "Maintenance · "
                              + String.join(", ", request.services())
                              + " · "
                              + request.title(),
                          200))
                  .build());
      try {
        WorkflowClient.start(window::run, new MaintenanceOrder(request, plan));
        log.info(
            "{} scheduled by {}: '{}' on {} from {} to {}",
            id,
            request.requestedBy(),
            request.title(),
            request.services(),
            request.start(),
            request.end());
        return id;
      } catch (WorkflowExecutionAlreadyStarted taken) {
        log.info(
            "{} already taken (another API replica or an earlier run); looking for the next free id",
            id);
        ids.skipTaken(
            id, used -> WorkflowQuery.exists(client, MaintenanceWindowWorkflow.workflowId(used)));
      }
    }
    throw new Refusal(
        503, "temporal_unavailable", "Could not find a free maintenance window id; try again.");
  }

  /** Newest start first. */
  List<MaintenanceSummary> list() {
    return deadlines.within(
        deadlines.read(),
        this::listRows,
        limit ->
            new Refusal(
                504,
                "timeout",
                "Temporal did not list the maintenance windows within "
                    + limit
                    + "; try again shortly."));
  }

  private List<MaintenanceSummary> listRows() {
    Set<String> workflowIds = new LinkedHashSet<>(running.workflowIds());
    WorkflowQuery.listing(
            () ->
                client
                    .getWorkflowServiceStubs()
                    .blockingStub()
                    .listClosedWorkflowExecutions(
                        ListClosedWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setTypeFilter(
                                WorkflowTypeFilter.newBuilder()
                                    .setName(RunningWindows.WORKFLOW_TYPE)
                                    .build())
                            .setMaximumPageSize(LISTED)
                            .build()))
        .getExecutionsList()
        .stream()
        .filter(RunningWindows::isWindow)
        .forEach(info -> workflowIds.add(info.getExecution().getWorkflowId()));
    List<Optional<MaintenanceSummary>> read =
        deadlines.readEach(
            workflowIds.stream().limit(LISTED).toList(),
            workflowId ->
                find(workflowId)
                    .map(
                        v ->
                            new MaintenanceSummary(
                                v.id(),
                                v.title(),
                                v.services(),
                                v.start(),
                                v.end(),
                                v.status().name(),
                                null)),
            (workflowId, why) ->
                Optional.of(
                    new MaintenanceSummary(
                        workflowId.substring(WORKFLOW_ID_PREFIX.length()),
                        null,
                        List.of(),
                        null,
                        null,
                        "UNKNOWN",
                        "Its state " + why + "; GET the window to see it.")));
    List<MaintenanceSummary> rows = new ArrayList<>();
    read.forEach(row -> row.ifPresent(rows::add));
    rows.sort(
        Comparator.comparing(
            MaintenanceSummary::start, Comparator.nullsLast(Comparator.reverseOrder())));
    return rows;
  }

  MaintenanceView view(String id) {
    return deadlines
        .within(
            deadlines.read(),
            () -> find(MaintenanceWindowWorkflow.workflowId(id)),
            limit -> notAnswering(id, limit, "Nothing changed."))
        .orElseThrow(() -> Refusal.notFound("No maintenance window '" + id + "'."));
  }

  MaintenanceView extend(String id, Extension extension) {
    return command(id, window -> window.extend(extension));
  }

  MaintenanceView abort(String id, Abort abort) {
    return command(id, window -> window.abort(abort));
  }

  MaintenanceView confirm(String id, StepConfirmation confirmation) {
    return command(id, window -> window.confirmStep(confirmation));
  }

  private MaintenanceView command(
      String id, Function<MaintenanceWindowWorkflow, MaintenanceView> send) {
    MaintenanceWindowWorkflow window = stub(id);
    return deadlines.within(
        deadlines.command(),
        () -> send.apply(window),
        limit ->
            notAnswering(
                id, limit, "The command may still be applied; check the window before retrying."));
  }

  private static Refusal notAnswering(String id, String limit, String consequence) {
    return TemporalDeadlines.notAnswering("Maintenance window " + id, limit, consequence);
  }

  private MaintenanceWindowWorkflow stub(String id) {
    view(id);
    return client.newWorkflowStub(
        MaintenanceWindowWorkflow.class, MaintenanceWindowWorkflow.workflowId(id));
  }

  private Optional<MaintenanceView> find(String workflowId) {
    return WorkflowQuery.ifExists(
        () -> client.newWorkflowStub(MaintenanceWindowWorkflow.class, workflowId).state());
  }
}
