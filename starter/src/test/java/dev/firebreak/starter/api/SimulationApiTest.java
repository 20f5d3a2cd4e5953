package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /api/v1/simulations} on the on-call test API (one level paging {@code slack:U0ALICE},
 * P1's 15-minute ack timeout, three rounds). The API bounds {@code at} by the real clock, so the
 * tests declare relative to it and judge only what does not depend on the date.
 */
class SimulationApiTest {

  @RegisterExtension final RunningOnCallApi api = new RunningOnCallApi();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tomorrow on the hour, in UTC, as the API reads it. */
  private static String tomorrow() {
    return Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS) + "";
  }

  private static String body(String severity, String service, String at, String ackAfter) {
    return "{\"severity\":\""
        + severity
        + "\",\"service\":\""
        + service
        + "\",\"at\":\""
        + at
        + "\""
        + (ackAfter == null ? "" : ",\"ackAfter\":\"" + ackAfter + "\"")
        + "}";
  }

  @Test
  void aViewerGetsEveryPageOfTheSimulatedIncidentAndHowItEnded() throws IOException {
    String at = tomorrow();
    HttpResponse<String> response =
        api.requests().post(SimulationRoutes.BASE, "viewer-token", body("P1", "api", at, null));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode simulation = JSON.readTree(response.body());
    assertThat(simulation.path("severity").asText()).isEqualTo("P1");
    assertThat(simulation.path("timeZone").asText()).isEqualTo("Z");
    JsonNode pages = simulation.path("pages");
    assertThat(pages).hasSize(3);
    Instant declared = Instant.parse(at);
    for (int round = 1; round <= 3; round++) {
      JsonNode page = pages.get(round - 1);
      assertThat(page.path("round").asInt()).isEqualTo(round);
      assertThat(page.path("level").asInt()).isEqualTo(1);
      assertThat(page.path("target").asText()).isEqualTo("slack:U0ALICE");
      assertThat(page.path("channel").asText()).isEqualTo("slack");
      assertThat(page.path("reached").asBoolean()).isTrue();
      assertThat(Instant.parse(page.path("at").asText()))
          .isEqualTo(declared.plus(15L * (round - 1), ChronoUnit.MINUTES));
    }
    assertThat(simulation.path("outcome").asText())
        .startsWith("Nobody acknowledged: after 3 round(s) of the chain the escalation stopped");
  }

  @Test
  void anAcknowledgementAfterTwentyMinutesLeavesOnlyThePagesBeforeIt() throws IOException {
    HttpResponse<String> response =
        api.requests()
            .post(SimulationRoutes.BASE, "viewer-token", body("P1", "api", tomorrow(), "20m"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode simulation = JSON.readTree(response.body());
    assertThat(simulation.path("pages")).hasSize(2);
    assertThat(simulation.path("outcome").asText()).startsWith("Acknowledged 20m after");
  }

  @Test
  void withoutATokenNothingIsSimulated() {
    HttpResponse<String> response =
        api.requests().post(SimulationRoutes.BASE, null, body("P1", "api", tomorrow(), null));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  static Stream<Arguments> refusals() {
    String at = tomorrow();
    return Stream.of(
        Arguments.of(body("P7", "api", at, null), 400, "'severity' is 'P7'"),
        Arguments.of(body("P1", "billing", at, null), 422, "No service named 'billing'"),
        Arguments.of(body("P1", "api", "tomorrow at 3", null), 400, "'at' is 'tomorrow at 3'"),
        Arguments.of(
            body("P1", "api", "2020-01-01T03:00 Europe/London", null),
            422,
            "a simulation starts within a year of now"),
        Arguments.of(body("P1", "api", at, "2d"), 422, "'ackAfter' is 2d"),
        Arguments.of(body("P1", "api", at, "eventually"), 400, "'ackAfter' is 'eventually'"),
        Arguments.of("{\"service\":\"api\",\"at\":\"" + at + "\"}", 400, "'severity' is required"),
        Arguments.of(
            "{\"severity\":\"P1\",\"service\":\"api\",\"at\":\"" + at + "\",\"who\":\"me\"}",
            400,
            "who"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void aRequestThatCannotBeSimulatedIsRefusedWithTheApisErrorShape(
      String body, int status, String message) throws IOException {
    HttpResponse<String> response =
        api.requests().post(SimulationRoutes.BASE, "viewer-token", body);

    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("error").asText()).isNotBlank();
    assertThat(error.path("message").asText()).contains(message);
  }
}
