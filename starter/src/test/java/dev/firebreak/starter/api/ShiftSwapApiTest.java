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
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));

  /** Who has {@code rota} today, and who tomorrow. */
  private static final String TODAY_ID = RunningOnCallApi.rotaSlackIdAt(NOW);

  private static final String TOMORROW_ID = RunningOnCallApi.rotaSlackIdAt(TOMORROW);

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
  void aResponderSwapsTodaysShiftForTomorrowsAndBothHearWhatTheyNowCover() throws IOException {
    String todayName = RunningOnCallApi.rotaPersonAt(NOW);
    String tomorrowName = RunningOnCallApi.rotaPersonAt(TOMORROW);
    Instant midnight = NOW.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    String body =
        swap(
            side(TODAY_ID, NOW), "{\"name\":\"" + tomorrowName + "\",\"at\":\"" + TOMORROW + "\"}");

    HttpResponse<String> created =
        api.requests().post("/api/v1/oncall/rota/swaps", "responder-token", body);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode overrides = json(created).path("overrides");
    assertThat(overrides).hasSize(2);
    assertThat(overrides.get(0).path("person").path("name").asText()).isEqualTo(tomorrowName);
    assertThat(overrides.get(0).path("to").asText()).isEqualTo(midnight.toString());
    assertThat(overrides.get(1).path("person").path("name").asText()).isEqualTo(todayName);
    assertThat(overrides.get(1).path("from").asText()).isEqualTo(midnight.toString());
    assertThat(overrides.get(1).path("to").asText())
        .isEqualTo(midnight.plus(Duration.ofDays(1)).toString());
    assertThat(overrides.get(0).path("by").asText()).isEqualTo("alice");
    // Shifts from the moment of the swap, when the running shift was taken over.
    String swappedAt = overrides.get(0).path("from").asText();
    JsonNode shifts =
        json(api.requests()
                .get(
                    "/api/v1/oncall/rota?from="
                        + swappedAt
                        + "&to="
                        + midnight.plus(Duration.ofDays(1)),
                    "viewer-token"))
            .path("shifts");
    assertThat(shifts).hasSize(2);
    assertThat(shifts.get(0).path("person").path("name").asText()).isEqualTo(tomorrowName);
    assertThat(shifts.get(1).path("person").path("name").asText()).isEqualTo(todayName);
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
    String tomorrow = side(TOMORROW_ID, TOMORROW);
    return Stream.of(
        Arguments.of(
            "rota", "responder-token", swap(side(TOMORROW_ID, NOW), side(TODAY_ID, TOMORROW)), 409),
        Arguments.of(
            "rota",
            "responder-token",
            swap(side(TODAY_ID, NOW.minus(Duration.ofDays(2))), tomorrow),
            409),
        Arguments.of(
            "rota",
            "responder-token",
            swap(side(TODAY_ID, NOW), side(TODAY_ID, NOW.plus(Duration.ofDays(2)))),
            400),
        Arguments.of(
            "rota",
            "responder-token",
            swap(side(TODAY_ID, NOW), side(TOMORROW_ID, NOW.plus(Duration.ofDays(91)))),
            400),
        Arguments.of("rota", "responder-token", "{\"a\":" + side(TODAY_ID, NOW) + "}", 400),
        Arguments.of("rota", "responder-token", swap("{\"slackUserId\":\"U0X\"}", tomorrow), 400),
        Arguments.of("rota", "responder-token", swap("{\"at\":\"" + NOW + "\"}", tomorrow), 400),
        Arguments.of("rota", "responder-token", swap(side(TODAY_ID, "tomorrow"), tomorrow), 400),
        Arguments.of("nope", "responder-token", swap(side(TODAY_ID, NOW), tomorrow), 404),
        Arguments.of("rota", "viewer-token", swap(side(TODAY_ID, NOW), tomorrow), 403));
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
                    "/api/v1/oncall/rota?from=" + NOW + "&to=" + NOW.plus(Duration.ofDays(3)),
                    "viewer-token"))
            .path("shifts");
    assertThat(shifts.findValuesAsText("source")).allMatch(source -> source.startsWith("layer "));
  }
}
