package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.slack.SlackEndpoints;
import dev.firebreak.starter.slack.SlackRequests;
import dev.firebreak.starter.slack.SlackSettings;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A playbook action that takes parameters, clicked on the playbook card: Firebreak opens its form
 * on the fake Slack (views.open with the click's trigger id) and the signed submission runs the
 * action as the submitting user with the values filled in.
 */
class PlaybookActionFormOnFakeSlackTest {

  private static final String SECRET = "form-signing-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");
  private static final Pattern RUN = Pattern.compile("`(action-INC-[^`]+)`");

  @RegisterExtension final RunningApi api = new RunningApi();

  private final FakeSlack slack = new FakeSlack();
  private final SlackEndpoints endpoints;
  private final ApiServer server;
  private final SlackRequests requests;

  PlaybookActionFormOnFakeSlackTest() {
    FirebreakConfig config =
        new ConfigLoader()
            .load(
                RunningApi.CONFIG
                    + """
                providers:
                  slack:
                    signingSecret: ${SLACK_SIGNING_SECRET}
                """);
    IncidentServices incidents =
        IncidentServices.of(api.temporal.getWorkflowClient(), config, false);
    MaintenanceWindows windows = new MaintenanceWindows(incidents, config, Clock.systemUTC());
    endpoints =
        new SlackEndpoints(
            new SlackSettings(
                SECRET, slack.token(), slack.apiUrlPrefix(), Duration.ofSeconds(5), null),
            config,
            incidents,
            windows);
    server =
        new ApiServer(
                incidents,
                windows,
                config,
                ApiTokens.none(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                endpoints::register)
            .start("127.0.0.1", 0);
    requests = new SlackRequests("http://127.0.0.1:" + server.port(), SECRET);
  }

  @AfterEach
  void stop() throws IOException {
    server.stop();
    endpoints.close();
    slack.close();
  }

  @Test
  void theCardsButtonOpensTheActionsFormAndItsSubmissionRunsTheAction() throws IOException {
    String id = idIn(answer("declare P2 recoup-backend Checkout errors", "declare"));
    assertThat(answer("playbook " + id + " payments", "attach")).contains("follows the playbook");

    String clicked = slack.responseUrl("click");
    HttpResponse<String> click =
        requests.click(IncidentActions.RUN_PLAYBOOK_ACTION + "scale", id, "U0ALICE", clicked);

    assertThat(click.statusCode()).isEqualTo(200);
    List<JsonNode> views = slack.openedViews();
    assertThat(views).hasSize(1);
    JsonNode form = views.get(0);
    assertThat(form.get("callback_id").asText()).isEqualTo("playbook_action_form");
    assertThat(form.get("title").get("text").asText()).isEqualTo("Scale the backend");
    assertThat(form.get("blocks").get(0).get("block_id").asText()).isEqualTo("param:count");
    assertThat(form.get("blocks").get(0).get("optional").asBoolean()).isFalse();

    HttpResponse<String> submitted =
        requests.submit(
            "playbook_action_form",
            form.get("private_metadata").asText(),
            Map.of("param:count", "4"),
            "U0BOB");

    assertThat(submitted.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(15)).until(() -> slack.responses(clicked).size() == 1);
    String ran = slack.responses(clicked).get(0).get("text").asText();
    assertThat(ran).startsWith("▶️ <@U0BOB> ran `scale` for *" + id + "*");
    ActionRunView run =
        api.temporal
            .getWorkflowClient()
            .newWorkflowStub(ActionRunWorkflow.class, runIn(ran))
            .state();
    assertThat(run.parameters()).isEqualTo(Map.of("count", "4"));
    assertThat(run.requestedBy()).isEqualTo("U0BOB");
  }

  /** The command's answer, inline or (on a busy machine) on its response_url. */
  private String answer(String text, String name) throws IOException {
    String url = slack.responseUrl(name);
    JsonNode inline = JSON.readTree(requests.command(text, "U0ALICE", "general", url).body());
    if (!inline.path("text").asText().startsWith("⏳")) {
      return inline.get("text").asText();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> slack.responses(url).size() == 1);
    return slack.responses(url).get(0).get("text").asText();
  }

  private static String idIn(String text) {
    Matcher matcher = DECLARED.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  private static String runIn(String text) {
    Matcher matcher = RUN.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }
}
