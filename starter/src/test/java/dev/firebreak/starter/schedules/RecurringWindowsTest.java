package dev.firebreak.starter.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.MaintenancePlanFactory;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.maintenance.MaintenanceRecurrence;
import dev.firebreak.workflows.maintenance.RecurringWindow;
import dev.firebreak.workflows.maintenance.RecurringWindowWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecurringWindowsTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  @Test
  void eachRecurringWindowOfTheConfigGetsOneLoopThatAStartReplaces() {
    FirebreakConfig config = new ConfigLoader().load(RunningApi.CONFIG);
    WorkflowClient client = api.temporal.getWorkflowClient();
    RecurringWindows windows = new RecurringWindows(client, config, new IncidentPolicyFactory(config, false));
    Instant expected = MaintenanceRecurrence.parse("first Sunday of the month 02:00 UTC", ZoneOffset.UTC)
        .next(Instant.ofEpochMilli(api.temporal.currentTimeMillis())).toInstant();

    assertThat(windows.reconcile()).containsExactly("backend-monthly");
    String firstRun = client.newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("backend-monthly"))
        .describe().getWorkflowExecutionInfo().getExecution().getRunId();
    assertThat(windows.reconcile()).containsExactly("backend-monthly");

    RecurringWindowWorkflow loop = client.newWorkflowStub(RecurringWindowWorkflow.class,
        RecurringWindowWorkflow.workflowId("backend-monthly"));
    assertThat(loop.nextStart()).isEqualTo(expected);
    assertThat(client.newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("backend-monthly"), java.util.Optional.of(firstRun),
        java.util.Optional.empty()).describe().getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  @Test
  void aLoopWhoseWindowLeftTheConfigIsEnded() {
    FirebreakConfig config = new ConfigLoader().load(RunningApi.CONFIG);
    WorkflowClient client = api.temporal.getWorkflowClient();
    RecurringWindows windows = new RecurringWindows(client, config, new IncidentPolicyFactory(config, false));
    windows.reconcile();
    RecurringWindow removed = new RecurringWindow("retired", "Planned maintenance: retired", List.of("recoup-backend"),
        "every Saturday 02:00 UTC", "UTC", Duration.ofHours(1),
        new MaintenancePlanFactory(config, new IncidentPolicyFactory(config, false))
            .plan(config.maintenance().windows().get(0), List.of("recoup-backend"), List.of()));
    RecurringWindowWorkflow retired = client.newWorkflowStub(RecurringWindowWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(RecurringWindowWorkflow.workflowId("retired")).setTaskQueue(IncidentWorkflow.TASK_QUEUE).build());
    WorkflowClient.start(retired::run, removed, null);

    windows.reconcile();

    assertThat(client.newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("retired")).describe()
        .getWorkflowExecutionInfo().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(client.newUntypedWorkflowStub(RecurringWindowWorkflow.workflowId("backend-monthly")).describe()
        .getWorkflowExecutionInfo().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
