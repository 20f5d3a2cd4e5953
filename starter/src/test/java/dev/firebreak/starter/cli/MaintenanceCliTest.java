package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.api.RunningApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class MaintenanceCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  record Run(int exit, String out, String err) {}

  private Run maintenance(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = api.baseUrl();
    all[args.length + 2] = "--token";
    all[args.length + 3] = "responder-token";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new MaintenanceCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void schedulesConfirmsTheManualStepAndShowsTheWindowToTheAllClear() {
    Run scheduled =
        maintenance(
            "schedule",
            "--title",
            "Swap database",
            "--service",
            "recoup-backend",
            "--start",
            "now",
            "--end",
            "+30m",
            "--manual-step",
            "swap-database=promote the replica");
    Matcher id = Pattern.compile("Maintenance (MW-\\d{8}-\\d+) SCHEDULED").matcher(scheduled.out());
    assertThat(id.find()).as(scheduled.out() + scheduled.err()).isTrue();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> maintenance("show", id.group(1)).out().contains("waiting for 'swap-database'"));
    Run confirmed =
        maintenance("confirm", id.group(1), "--step", "swap-database", "--note", "done");

    assertThat(confirmed.exit()).as(confirmed.err()).isZero();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> maintenance("show", id.group(1)).out().contains("Status:       COMPLETED"));
    assertThat(maintenance("list").out())
        .contains(id.group(1))
        .contains("COMPLETED")
        .contains("Swap database");
  }

  @Test
  void aStepTheConfigDefinesIsAddedByName() {
    Run scheduled =
        maintenance(
            "schedule",
            "--title",
            "Purge",
            "--service",
            "recoup-backend",
            "--start",
            "now",
            "--end",
            "+30m",
            "--step",
            "purge-cdn");
    Matcher id = Pattern.compile("Maintenance (MW-\\d{8}-\\d+) SCHEDULED").matcher(scheduled.out());
    assertThat(id.find()).as(scheduled.out() + scheduled.err()).isTrue();

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> maintenance("show", id.group(1)).out().contains("Status:       COMPLETED"));
    assertThat(api.actions.performed).containsExactly("create-backup", "purge-cdn");
    assertThat(
            maintenance(
                    "schedule",
                    "--title",
                    "x",
                    "--service",
                    "recoup-backend",
                    "--start",
                    "+1h",
                    "--end",
                    "+2h",
                    "--step",
                    "drop-tables")
                .err())
        .contains("names no step of the config ('drop-tables'); known: purge-cdn");
  }

  @Test
  void extendingToAnEarlierTimeIsRefusedWithTheWindowsReason() {
    Run scheduled =
        maintenance(
            "schedule",
            "--title",
            "Index rebuild",
            "--service",
            "recoup-backend",
            "--start",
            "+1h",
            "--end",
            "+2h");
    String id = scheduled.out().split(" ")[1];

    Run earlier = maintenance("extend", id, "--until", "+90m");
    Run aborted = maintenance("abort", id, "--reason", "not needed");

    assertThat(earlier.exit()).isEqualTo(1);
    assertThat(earlier.err()).contains("must be later than the planned end");
    assertThat(aborted.exit()).isZero();
    assertThat(
            maintenance(
                    "schedule",
                    "--title",
                    "x",
                    "--service",
                    "recoup-backend",
                    "--start",
                    "soon",
                    "--end",
                    "+1h")
                .err())
        .contains("'soon' is not a time");
  }
}
