package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.workflows.rollback.RollbackOrders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class RollbackCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  record Run(int exit, String out, String err) {}

  private Run rollback(String token, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = api.baseUrl();
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new RollbackCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void requestsShowsAndApprovesARollback() {
    api.diagnostics.deployments = RollbackOrders.DEPLOYS;

    Run requested = rollback("responder-token", "talk-to-my-lawyer", "--reason", "blank page", "--key", "cli-1");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> rollback("viewer-token", "show", "talk-to-my-lawyer-cli-1").out().contains("AWAITING_APPROVAL"));
    Run selfApproval = rollback("responder-token", "approve", "talk-to-my-lawyer-cli-1");
    Run approved = rollback("admin-token", "approve", "talk-to-my-lawyer-cli-1", "--comment", "go");

    assertThat(requested.out()).startsWith("Rollback talk-to-my-lawyer-cli-1 RESOLVING_TARGET (workflow rollback-talk-to-my-lawyer-cli-1)");
    assertThat(selfApproval.exit()).isEqualTo(1);
    assertThat(selfApproval.err()).contains("alice requested this rollback and cannot approve it");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("Approved by ci: go");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> rollback("viewer-token", "show", "talk-to-my-lawyer-cli-1").out().contains("Status:       SUCCEEDED"));
  }

  @Test
  void withoutAReasonTheCliRefusesBeforeCallingTheApi() {
    Run run = rollback("admin-token", "recoup-backend");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: give the SERVICE to roll back and --reason (or use rollback show|approve|refuse ID)\n");
  }
}
