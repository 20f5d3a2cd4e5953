package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.starter.slack.SlackRequests;
import dev.firebreak.workflows.notify.IncidentActions;
import dev.firebreak.workflows.notify.IncidentRoomName;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An incident run from Slack alone against `./firebreak dev`: signed slash commands, button clicks
 * and forms in, the incident message and thread out, all against the fake Slack.
 */
class SlackEndToEndTest {

  private static final String SECRET = "e2e-signing-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");

  private static final AtomicInteger ANSWERS = new AtomicInteger();

  private static FakeSlack slack;
  private static DevMode dev;
  private static SlackRequests requests;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode() throws IOException {
    slack = devMode.closeAfter(new FakeSlack());
    dev = devMode.start(FakeSlackEnvironment.of(slack, SECRET, Map.of()));
    requests = new SlackRequests(dev.apiUrl(), SECRET);
  }

  @Test
  void anIncidentIsDeclaredAcknowledgedUpdatedAndResolvedFromSlack() throws Exception {
    String id =
        idIn(answer("declare P1 recoup-backend Checkout returns 500", "U0ALICE", "incidents"));
    await().atMost(Duration.ofSeconds(10)).until(() -> incidentMessages(id).size() == 1);

    String firstClick = slack.responseUrl("ack-1");
    String secondClick = slack.responseUrl("ack-2");
    assertThat(requests.click(IncidentActions.ACKNOWLEDGE, id, "U0ALICE", firstClick).statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses(firstClick).size() == 1);
    assertThat(requests.click(IncidentActions.ACKNOWLEDGE, id, "U0ALICE", secondClick).statusCode())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses(secondClick).size() == 1);
    assertThat(text(slack.responses(firstClick).get(0)))
        .isEqualTo("✅ You acknowledged *" + id + "*; escalation stopped.");
    assertThat(slack.responses(firstClick).get(0).get("response_type").asText())
        .isEqualTo("ephemeral");
    assertThat(text(slack.responses(secondClick).get(0)))
        .contains("already acknowledged by <@U0ALICE>");

    String updated =
        answer("update " + id + " Webhook secret mismatch eta 10 min", "U0ALICE", "incidents");
    assertThat(updated).isEqualTo("📊 Update posted to *" + id + "*.");
    String room = IncidentRoomName.of(id, "Checkout returns 500");
    assertThat(answer("resolve Secret rotated", "U0ALICE", room))
        .isEqualTo("✅ *" + id + "* resolved; now monitoring.");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              FakeSlackMessage card = incidentMessages(id).get(0);
              assertThat(card.text())
                  .contains(id)
                  .contains("acknowledged by U0ALICE")
                  .containsAnyOf("Monitoring", "Post-mortem");
              assertThat(card.blocks().toString()).doesNotContain(IncidentActions.ACKNOWLEDGE);
              List<String> thread =
                  slack.replies(card.channelId(), card.ts()).stream()
                      .map(FakeSlackMessage::text)
                      .toList();
              assertThat(thread.stream().filter(t -> t.contains("Acknowledged by U0ALICE")))
                  .hasSize(1);
              assertThat(thread)
                  .anyMatch(t -> t.contains("UPDATE from U0ALICE: Webhook secret mismatch"));
              assertThat(thread).anyMatch(t -> t.contains("Resolved by U0ALICE"));
            });
    assertThat(incidentMessages(id)).hasSize(1);
    FakeSlackMessage card = incidentMessages(id).get(0);
    List<String> keys =
        slack.messages(card.channelId()).stream()
            .map(m -> m.metadataValue("key"))
            .filter(k -> k != null && k.startsWith(id + "/"))
            .toList();
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(
            slack.replies(card.channelId(), card.ts()).stream()
                .map(m -> m.metadataValue("key"))
                .toList())
        .doesNotHaveDuplicates();
  }

  @Test
  void formsDeclareAnIncidentAndPostAnUpdate() throws Exception {
    String declareUrl = slack.responseUrl("form-declare");
    HttpResponse<String> opened = requests.command("declare", "U0BOB", "incidents", declareUrl);
    assertThat(opened.statusCode()).isEqualTo(200);
    JsonNode form = slack.openedViews().get(slack.openedViews().size() - 1);
    assertThat(form.get("callback_id").asText()).isEqualTo("incident_declare_form");

    requests.submit(
        "incident_declare_form",
        form.get("private_metadata").asText(),
        Map.of("severity", "P2", "service", "ascendos-api", "title", "Search is slow"),
        "U0BOB");
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses(declareUrl).size() == 1);
    JsonNode declared = slack.responses(declareUrl).get(0);
    assertThat(declared.get("response_type").asText()).isEqualTo("in_channel");
    String id = idIn(text(declared));

    String clickUrl = slack.responseUrl("form-update");
    requests.click(IncidentActions.POST_UPDATE, id, "U0BOB", clickUrl);
    JsonNode updateForm = slack.openedViews().get(slack.openedViews().size() - 1);
    assertThat(updateForm.get("callback_id").asText()).isEqualTo("incident_update_form");
    requests.submit(
        "incident_update_form",
        updateForm.get("private_metadata").asText(),
        Map.of("text", "Index rebuilt", "eta", "5 min"),
        "U0BOB");

    await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses(clickUrl).size() == 1);
    assertThat(text(slack.responses(clickUrl).get(0)))
        .isEqualTo("📊 Update posted to *" + id + "*.");
    assertThat(answer("status " + id, "U0BOB", "incidents"))
        .contains("Latest update: Index rebuilt\nETA: 5 min");
  }

  @Test
  void socketModeCarriesTheSameCommandsAndButtonsWithoutAPublicUrl() {
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.socketMode().connected());
    String declareUrl = slack.responseUrl("socket-declare");
    JsonNode declared =
        slack
            .socketMode()
            .slashCommand(
                requests.commandFields(
                    "declare P2 ascendos-api Search is slow", "U0CAROL", "incidents", declareUrl),
                Duration.ofSeconds(5));
    String id = idIn(settled(declared, declareUrl));

    String clickUrl = slack.responseUrl("socket-ack");
    slack
        .socketMode()
        .interaction(
            requests.clickPayload(IncidentActions.ACKNOWLEDGE, id, "U0CAROL", clickUrl),
            Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses(clickUrl).size() == 1);

    assertThat(text(slack.responses(clickUrl).get(0)))
        .isEqualTo("✅ You acknowledged *" + id + "*; escalation stopped.");
    String statusUrl = slack.responseUrl("socket-status");
    assertThat(
            settled(
                slack
                    .socketMode()
                    .slashCommand(
                        requests.commandFields("status " + id, "U0CAROL", "incidents", statusUrl),
                        Duration.ofSeconds(5)),
                statusUrl))
        .contains("acknowledged by <@U0CAROL>");
  }

  @Test
  void theDemoScheduleSwapsNextWeekForTheWeekAfterFromSlackAndBothHearWhatTheyNowCover()
      throws Exception {
    DevApi api = new DevApi(dev.apiUrl());
    Instant nextWeek = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(7));
    Instant weekAfter = nextWeek.plus(Duration.ofDays(7));
    String asker = onCallAt(api, nextWeek);
    String other = onCallAt(api, weekAfter);
    String responseUrl = slack.responseUrl("oncall-swap");

    HttpResponse<String> response =
        requests.oncall(
            "swap primary <@" + other + "|them> " + nextWeek + " " + weekAfter, asker, responseUrl);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(settled(JSON.readTree(response.body()), responseUrl))
        .startsWith("<@" + asker + "> and <@" + other + "> swapped shifts on `primary`");
    assertThat(onCallAt(api, nextWeek)).isEqualTo(other);
    assertThat(onCallAt(api, weekAfter)).isEqualTo(asker);
    for (String person : List.of(asker, other)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  slack.messages(FakeSlack.directMessageChannelOf(person)).stream()
                      .anyMatch(m -> m.text().startsWith("You swapped shifts on *primary* with")));
    }
  }

  private static String onCallAt(DevApi api, Instant at) throws Exception {
    return api.call(
            "GET", "/api/v1/oncall/primary?from=" + at + "&to=" + at.plusSeconds(1), null, 200)
        .path("shifts")
        .get(0)
        .path("person")
        .path("slackUserId")
        .asText();
  }

  /**
   * An acknowledgement's own answer, or the one that follows by response_url when it said "working
   * on it".
   */
  private static String settled(JsonNode ack, String responseUrl) {
    String inline = text(ack);
    if (!inline.startsWith("⏳")) {
      return inline;
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.responses(responseUrl).size() == 1);
    return text(slack.responses(responseUrl).get(0));
  }

  /**
   * The answer to a command: inline when the work beat the inline budget, otherwise the one that
   * follows by response_url (which one depends on how loaded the machine is, not on the command).
   */
  private static String answer(String text, String user, String channel) throws IOException {
    String responseUrl = slack.responseUrl("command-" + ANSWERS.incrementAndGet());
    HttpResponse<String> response = requests.command(text, user, channel, responseUrl);
    assertThat(response.statusCode()).isEqualTo(200);
    return settled(JSON.readTree(response.body()), responseUrl);
  }

  private static String text(JsonNode answer) {
    return answer.get("text").asText();
  }

  private static String idIn(String text) {
    Matcher matcher = DECLARED.matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }

  /** The incident message, which lives in the incident's own room. */
  private static List<FakeSlackMessage> incidentMessages(String id) {
    return slack.channels().stream()
        .filter(channel -> IncidentRoomName.belongsTo(id, channel.name()))
        .flatMap(channel -> slack.messages(channel.id()).stream())
        .filter(m -> (id + "/incident-message").equals(m.metadataValue("key")))
        .toList();
  }
}
