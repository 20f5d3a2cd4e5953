package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.api.RunningApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class JobCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  record Run(int exit, String out, String err) {}

  private Run job(String token, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api";
    all[args.length + 1] = api.baseUrl();
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new JobCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void listsAndShowsTheConfiguredJobs() {
    Run list = job("viewer-token", "list");
    Run show = job("viewer-token", "show", "payment-verification");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("JOB", "payment-verification", "0 2 * * *", "idle");
    assertThat(show.out()).startsWith("payment-verification  0 2 * * * (UTC)  http");
    assertThat(show.out()).contains("Last success: never");
  }

  @Test
  void aCommandTheApiRefusesExitsWithItsMessage() {
    Run run = job("viewer-token", "pause", "payment-verification", "--reason", "migration");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("needs the responder role");
  }
}
