package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Dev mode's HTTP API as a test calls it: with the dev token, JSON in and out, the status asserted.
 */
final class DevApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;

  DevApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
    return call(method, path, body, expectedStatus, null);
  }

  /**
   * With an {@code Idempotency-Key} header when {@code idempotencyKey} is not null (rollbacks need
   * one).
   */
  JsonNode call(String method, String path, String body, int expectedStatus, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Bearer " + DevMode.DEFAULT_DEV_TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + " → " + response.body())
        .isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  /** A plain GET without the token, for pages outside the API (the Temporal Web UI). */
  static int status(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
