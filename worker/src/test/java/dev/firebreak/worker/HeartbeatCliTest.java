package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.cli.HeartbeatCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class HeartbeatCliTest {

  @RegisterExtension final RunningHeartbeatApi api = new RunningHeartbeatApi();

  private record Run(int exit, String out, String err) {}

  private Run heartbeat(String token, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--api";
    all[args.length + 1] = api.baseUrl();
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new HeartbeatCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void listShowsEveryHeartbeatAndShowItsPingsAndDurations() {
    assertThat(api.get("/ping/" + RunningHeartbeatApi.TOKEN + "/start").statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.heartbeat("webhook-retry").path("running").asBoolean());

    Run list = heartbeat("viewer-token", "list");
    Run show = heartbeat("viewer-token", "show", "webhook-retry");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("HEARTBEAT", "webhook-retry", "every 15m", "up, running", "data-purge");
    assertThat(show.out())
        .startsWith("webhook-retry  every 15m, grace 5m, runs within 10m  P2 on recoup-backend")
        .contains("Running since ", "START", "1 received, 1 signalled");
  }

  @Test
  void pauseAndResumeSayWhoAndARefusalExitsWithItsMessage() {
    api.startTheConfiguredHeartbeats();
    Run paused = heartbeat("responder-token", "pause", "data-purge", "--reason", "migration");
    assertThat(paused.exit()).as(paused.err()).isZero();
    assertThat(paused.out()).contains("State:        paused by alice");

    Run again = heartbeat("responder-token", "pause", "data-purge");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already paused (by alice)");

    Run resumed = heartbeat("responder-token", "resume", "data-purge");
    assertThat(resumed.out()).contains("State:        new");

    Run viewer = heartbeat("viewer-token", "pause", "data-purge");
    assertThat(viewer.exit()).isEqualTo(1);
    assertThat(viewer.err()).contains("needs the responder role");
  }
}
