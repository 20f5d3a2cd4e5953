package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;

class EmbeddedTemporalTest {

  @Test
  void theInProcessChannelAndTheLoopbackPortReachTheSameServer() {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(FreePort.next())) {
      WorkflowServiceStubs inProcess =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setChannel(temporal.inProcessChannel())
                  .build());
      WorkflowServiceStubs overTcp =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        // Started by dev mode's own worker side, seen by the Temporal UI or CLI side.
        WorkflowClient.newInstance(inProcess)
            .newUntypedWorkflowStub(
                "AnyWorkflow",
                WorkflowOptions.newBuilder()
                    .setWorkflowId("seen-from-both")
                    .setTaskQueue("nobody-polls")
                    .build())
            .start();

        assertThat(
                WorkflowClient.newInstance(overTcp)
                    .newUntypedWorkflowStub("seen-from-both")
                    .describe()
                    .getStatus())
            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      } finally {
        inProcess.shutdownNow();
        overTcp.shutdownNow();
      }
    }
  }
}
