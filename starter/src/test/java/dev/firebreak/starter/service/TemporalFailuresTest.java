package dev.firebreak.starter.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.Refusals;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemporalFailuresTest {

  private final TemporalFailures failures = new TemporalFailures();

  @ParameterizedTest(name = "a {0} refusal is a 409 {1} with the workflow's own sentence")
  @CsvSource({
    Refusals.INVALID_TRANSITION + ", invalid_transition",
    Refusals.INVALID_JOB_COMMAND + ", invalid_transition",
    Refusals.RESOLVE_REFUSED + ", resolve_refused",
  })
  void aWorkflowRefusalOfAKnownTypeIsAConflictThatKeepsTheWorkflowsSentence(
      String type, String code) {
    ApplicationFailure refusal =
        ApplicationFailure.newFailure("INC-1 is already acknowledged by alice", type);
    WorkflowUpdateException thrown =
        new WorkflowUpdateException(
            WorkflowExecution.newBuilder().setWorkflowId("incident-INC-1").build(),
            "u-1",
            "acknowledge",
            refusal);

    Refusal error = failures.toRefusal(thrown, "INC-1");

    assertThat(error.status()).isEqualTo(409);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.getMessage()).isEqualTo("INC-1 is already acknowledged by alice");
  }

  @ParameterizedTest(name = "{0} \"{1}\", asked about {2}: {3}")
  @CsvSource({
    "INVALID_ARGUMENT, search attribute FirebreakIdempotencyKey is not defined, FirebreakIdempotencyKey, true",
    "INVALID_ARGUMENT, Namespace default has no mapping defined for Search Attribute X, search attribute, true",
    "INVALID_ARGUMENT, search attribute FirebreakService is not defined, FirebreakIdempotencyKey, false",
    "UNAVAILABLE, search attribute FirebreakIdempotencyKey is not defined, FirebreakIdempotencyKey, false",
  })
  void anInvalidArgumentIsRecognisedByWhatItsDescriptionMentionsThroughWrappers(
      Status.Code code, String description, String subject, boolean refused) {
    Exception wrapped =
        new RuntimeException(
            "start failed",
            new StatusRuntimeException(code.toStatus().withDescription(description)));

    assertThat(TemporalFailures.refusedArgument(wrapped, subject)).isEqualTo(refused);
  }
}
