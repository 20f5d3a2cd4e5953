package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted dev mode has a new, empty embedded server, while Slack rooms and PagerDuty alerts
 * named after the old run's ids live on: its ids carry on after the old run's instead of reusing
 * them.
 *
 * <p>It starts dev mode twice on one state directory, so it manages dev mode itself rather than
 * through {@link DevModeExtension} (one dev mode per class).
 */
class DevModeRestartTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path state;

  @Test
  void aRestartedDevModeNeverHandsOutAnIdAnEarlierRunUsed() throws Exception {
    String first = declareOnAFreshDevMode();
    String afterRestart = declareOnAFreshDevMode();

    assertThat(afterRestart).isNotEqualTo(first).matches("INC-\\d{8}-\\d+");
    assertThat(number(afterRestart)).isGreaterThan(number(first));
  }

  @Test
  void theIssuedIdsOfTheDayAreReadBackAndOtherDaysAreDropped() {
    DevIssuedIds.in(state).issued("INC-20261203-", 9);
    DevIssuedIds before = DevIssuedIds.in(state);
    before.issued("INC-20261204-", 4);
    before.issued("MW-20261204-", 2);
    before.issued("INC-20261204-", 3);

    DevIssuedIds after = DevIssuedIds.in(state);

    assertThat(after.highest("INC-20261204-")).isEqualTo(4);
    assertThat(after.highest("MW-20261204-")).isEqualTo(2);
    assertThat(after.highest("INC-20261203-")).isZero();
  }

  private String declareOnAFreshDevMode() throws Exception {
    try (DevMode dev =
        DevMode.start(
            null, FreePort.next(), FreePort.next(), Map.<String, String>of()::get, state)) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(dev.apiUrl() + "/api/v1/incidents"))
                  .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"title\":\"Checkout returns 500\",\"severity\":\"P3\",\"service\":\"recoup-backend\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return JSON.readTree(response.body()).get("id").asText();
    }
  }

  private static int number(String id) {
    return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
  }
}
