package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.workflows.rollback.RollbackOrders;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RollbackCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  private CliRun rollback(String token, String... args) {
    return CliRun.of(new RollbackCommand(), api.baseUrl(), token, args);
  }

  @Test
  void requestsShowsAndApprovesARollback() {
    api.diagnostics.deployments = RollbackOrders.DEPLOYS;

    CliRun requested =
        rollback(
            "responder-token", "talk-to-my-lawyer", "--reason", "blank page", "--key", "cli-1");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rollback("viewer-token", "show", "talk-to-my-lawyer-cli-1")
                    .out()
                    .contains("AWAITING_APPROVAL"));
    CliRun selfApproval = rollback("responder-token", "approve", "talk-to-my-lawyer-cli-1");
    CliRun approved =
        rollback("admin-token", "approve", "talk-to-my-lawyer-cli-1", "--comment", "go");

    assertThat(requested.out())
        .startsWith(
            "Rollback talk-to-my-lawyer-cli-1 RESOLVING_TARGET (workflow rollback-talk-to-my-lawyer-cli-1)");
    assertThat(selfApproval.exit()).isEqualTo(1);
    assertThat(selfApproval.err()).contains("alice requested this rollback and cannot approve it");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("Approved by ci: go");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                rollback("viewer-token", "show", "talk-to-my-lawyer-cli-1")
                    .out()
                    .contains("Status:       SUCCEEDED"));
  }

  @Test
  void withoutAReasonTheCliRefusesBeforeCallingTheApi() {
    CliRun run = rollback("admin-token", "recoup-backend");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: give the SERVICE to roll back and --reason (or use rollback show|approve|refuse ID)\n");
  }
}
