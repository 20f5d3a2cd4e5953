package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.heartbeat.HeartbeatCommand;
import dev.firebreak.workflows.heartbeat.HeartbeatPing;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatState;
import dev.firebreak.workflows.heartbeat.PingKind;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.Severity;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /heartbeat [name]} through the signed Slack endpoint. */
class HeartbeatSlackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOWHERE = "http://127.0.0.1:9/commands/T0FAKE/unused";

  @RegisterExtension final RunningSlack slack = new RunningSlack();

  private String heartbeat(String text, String user) throws IOException {
    HttpResponse<String> response = slack.requests.heartbeat(text, user, NOWHERE);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.get("response_type").asText()).isEqualTo("ephemeral");
    return answer.get("text").asText();
  }

  @Test
  void aSignedHeartbeatCommandListsEveryHeartbeatAndShowsOneInDetail() throws IOException {
    HeartbeatWorkflows workflows =
        new HeartbeatWorkflows(slack.api.temporal.getWorkflowClient(), TaskQueue.NAME);
    HeartbeatSpec spec =
        new HeartbeatSpec(
            "webhook-retry",
            Duration.ofMinutes(15),
            null,
            "UTC",
            Duration.ofMinutes(5),
            null,
            "recoup-backend",
            Severity.P2,
            IncidentPolicies.recoup());
    workflows.ping(
        spec, new HeartbeatPing(PingKind.SUCCESS, null, null, Instant.now(), null, "ping", 0));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> workflows.workflow("webhook-retry").view().state() == HeartbeatState.UP);
    workflows.workflow("webhook-retry").pause(new HeartbeatCommand("U0ALICE", null));

    assertThat(heartbeat("", "U0VIEWER"))
        .startsWith("*Heartbeats*")
        .contains("• `webhook-retry` ⏸️ paused · every 15m · last success 20")
        .contains("• `data-purge` not started yet");
    assertThat(heartbeat("webhook-retry", "U0VIEWER"))
        .startsWith("*Heartbeat `webhook-retry`* ⏸️ paused")
        .contains("• Schedule: every 15m, grace 5m")
        .contains("• Paused by <@U0ALICE>");
    assertThat(heartbeat("<!channel>", "U0VIEWER"))
        .startsWith("No heartbeat named `&lt;!channel&gt;`")
        .contains("`webhook-retry`, `data-purge`");
  }

  @Test
  void anUnsignedHeartbeatCommandGets401() {
    String body =
        slack
            .requests
            .commandBody("webhook-retry", "U0VIEWER", "ops", NOWHERE)
            .replace("command=%2Fincident", "command=%2Fheartbeat");

    HttpResponse<String> unsigned = slack.requests.send(SlackEndpoints.COMMANDS, body, Map.of());

    assertThat(unsigned.statusCode()).isEqualTo(401);
  }
}
