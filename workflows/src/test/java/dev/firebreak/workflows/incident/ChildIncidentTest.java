package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChildIncidentTest {

  /**
   * A parent as jobs and windows are: it declares, then goes on and closes while the incident
   * lives.
   */
  @WorkflowInterface
  public interface DeclaringParent {
    @WorkflowMethod
    List<String> declareTwice(String incidentId);
  }

  public static class DeclaringParentImpl implements DeclaringParent {
    @Override
    public List<String> declareTwice(String incidentId) {
      Declaration declaration =
          new Declaration(
              incidentId,
              "Maintenance MW-9 failed: disks",
              Severity.P1,
              "recoup-backend",
              "swap-disks reported failed",
              null,
              "maintenance MW-9",
              Instant.ofEpochMilli(Workflow.currentTimeMillis()));
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        outcomes.add(
            ChildIncident.declare(
                    declaration,
                    Severity.P1,
                    IncidentPolicies.recoup(),
                    "P1 · recoup-backend · maintenance MW-9 failed",
                    ChildWorkflowOptions.newBuilder()
                        .setWorkflowIdReusePolicy(
                            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE))
                .orElse("started"));
      }
      return outcomes;
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  /**
   * A server, worker and task queue of its own for each test; prints the workflows' histories when
   * one fails. The parent sets no task queue, so its incident runs on the parent's.
   */
  @RegisterExtension
  final TestWorkflowExtension workflows =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(
              DeclaringParentImpl.class, IncidentWorkflowImpl.class)
          .setActivityImplementations(
              new RecordingNotices(),
              new RecordingChat(),
              new RecordingPager(),
              new RecordingStatusPage(),
              new ScriptedDiagnostics(),
              new ScriptedErrorCounts())
          .build();

  @BeforeEach
  void startEnvironment(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void anIncidentDeclaredByAParentOutlivesItOnceUnderItsIdWithItsMemoAndSummary() {
    DeclaringParent parent =
        client.newWorkflowStub(
            DeclaringParent.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("window-MW-9")
                .setTaskQueue(taskQueue)
                .build());

    List<String> outcomes = parent.declareTwice("INC-MW-9");

    assertThat(outcomes.get(0)).isEqualTo("started");
    assertThat(outcomes.get(1))
        .as("a second declaration under the same id is refused, saying why")
        .isNotEqualTo("started")
        .isNotBlank();
    DescribeWorkflowExecutionResponse incident =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(IncidentWorkflow.workflowId("INC-MW-9")))
                    .build());
    assertThat(incident.getWorkflowExecutionInfo().getStatus().name())
        .as("the parent has closed; the incident runs on")
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    assertThat(incident.getWorkflowExecutionInfo().getParentExecution().getWorkflowId())
        .isEqualTo("window-MW-9");
    String title =
        DefaultDataConverter.newDefaultInstance()
            .fromPayload(
                incident.getWorkflowExecutionInfo().getMemo().getFieldsOrThrow(IncidentMemo.TITLE),
                String.class,
                String.class);
    assertThat(title).isEqualTo("Maintenance MW-9 failed: disks");
  }
}
