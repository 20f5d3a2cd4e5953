package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.workflows.notify.ThreadMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShiftSwapApiTest {

  @RegisterExtension
  final RunningOnCallApi api = new RunningOnCallApi(RunningOnCallApi.ROTA_CONFIG);

  private static final ObjectMapper JSON = new ObjectMapper();

  // Two future shifts of rota, tomorrow's and the next day's (different people's), at noon.
  private static final Instant DAY1 = RunningOnCallApi.rotaNoon(1);
  private static final Instant DAY2 = RunningOnCallApi.rotaNoon(2);
  private static final Instant MIDNIGHT1 = DAY1.truncatedTo(ChronoUnit.DAYS);
  private static final String DAY1_ID = RunningOnCallApi.rotaSlackIdAt(DAY1);
  private static final String DAY2_ID = RunningOnCallApi.rotaSlackIdAt(DAY2);

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static String side(String slackUserId, Object at) {
    return "{\"slackUserId\":\"" + slackUserId + "\",\"at\":\"" + at + "\"}";
  }

  private static String swap(String a, String b) {
    return "{\"a\":" + a + ",\"b\":" + b + "}";
  }

  @Test
  void aResponderSwapsTomorrowsShiftForTheNextDaysAndBothHearWhatTheyNowCover() throws IOException {
    String day1Name = RunningOnCallApi.rotaPersonAt(DAY1);
    String day2Name = RunningOnCallApi.rotaPersonAt(DAY2);
    Instant midnight2 = MIDNIGHT1.plus(Duration.ofDays(1));
    String body =
        swap(side(DAY1_ID, DAY1), "{\"name\":\"" + day2Name + "\",\"at\":\"" + DAY2 + "\"}");

    HttpResponse<String> created =
        api.requests().post("/api/v1/oncall/rota/swaps", "responder-token", body);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode overrides = json(created).path("overrides");
    assertThat(overrides).hasSize(2);
    assertThat(overrides.get(0).path("person").path("name").asText()).isEqualTo(day2Name);
    assertThat(overrides.get(0).path("from").asText()).isEqualTo(MIDNIGHT1.toString());
    assertThat(overrides.get(0).path("to").asText()).isEqualTo(midnight2.toString());
    assertThat(overrides.get(1).path("person").path("name").asText()).isEqualTo(day1Name);
    assertThat(overrides.get(1).path("from").asText()).isEqualTo(midnight2.toString());
    assertThat(overrides.get(1).path("to").asText())
        .isEqualTo(midnight2.plus(Duration.ofDays(1)).toString());
    assertThat(overrides.get(0).path("by").asText()).isEqualTo("alice");
    JsonNode shifts =
        json(api.requests()
                .get(
                    "/api/v1/oncall/rota?from="
                        + MIDNIGHT1
                        + "&to="
                        + midnight2.plus(Duration.ofDays(1)),
                    "viewer-token"))
            .path("shifts");
    assertThat(shifts).hasSize(2);
    assertThat(shifts.get(0).path("person").path("name").asText()).isEqualTo(day2Name);
    assertThat(shifts.get(1).path("person").path("name").asText()).isEqualTo(day1Name);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                api.chat.posts.stream()
                        .filter(p -> p.text().startsWith("You swapped shifts on *rota*"))
                        .map(ThreadMessage::channel)
                        .distinct()
                        .count()
                    == 2);
  }

  static Stream<Arguments> refusedSwaps() {
    String day2 = side(DAY2_ID, DAY2);
    Instant past = RunningOnCallApi.rotaNoon(-1);
    return Stream.of(
        Arguments.of(
            "rota", "responder-token", swap(side(DAY2_ID, DAY1), side(DAY1_ID, DAY2)), 409),
        Arguments.of(
            "rota",
            "responder-token",
            swap(side(RunningOnCallApi.rotaSlackIdAt(past), past), day2),
            409),
        Arguments.of(
            "rota",
            "responder-token",
            swap(side(DAY1_ID, DAY1), side(DAY1_ID, DAY1.plus(Duration.ofDays(2)))),
            400),
        Arguments.of(
            "rota",
            "responder-token",
            swap(side(DAY1_ID, DAY1), side(DAY2_ID, DAY1.plus(Duration.ofDays(91)))),
            400),
        Arguments.of("rota", "responder-token", "{\"a\":" + side(DAY1_ID, DAY1) + "}", 400),
        Arguments.of("rota", "responder-token", swap("{\"slackUserId\":\"U0X\"}", day2), 400),
        Arguments.of("rota", "responder-token", swap("{\"at\":\"" + DAY1 + "\"}", day2), 400),
        Arguments.of("rota", "responder-token", swap(side(DAY1_ID, "tomorrow"), day2), 400),
        Arguments.of("nope", "responder-token", swap(side(DAY1_ID, DAY1), day2), 404),
        Arguments.of("rota", "viewer-token", swap(side(DAY1_ID, DAY1), day2), 403));
  }

  @ParameterizedTest(name = "POST swaps on {0} with {1}: {2} → {3}")
  @MethodSource("refusedSwaps")
  void aSwapThatCannotBeMadeIsRefusedWithAJsonErrorAndChangesNothing(
      String schedule, String token, String body, int status) throws IOException {
    HttpResponse<String> response =
        api.requests().post("/api/v1/oncall/" + schedule + "/swaps", token, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).path("error").asText()).isNotBlank();
    assertThat(json(response).path("message").asText()).isNotBlank();
    JsonNode shifts =
        json(api.requests()
                .get(
                    "/api/v1/oncall/rota?from="
                        + MIDNIGHT1
                        + "&to="
                        + MIDNIGHT1.plus(Duration.ofDays(3)),
                    "viewer-token"))
            .path("shifts");
    assertThat(shifts.findValuesAsText("source")).allMatch(source -> source.startsWith("layer "));
  }
}
