package dev.firebreak.starter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The CLI's view of the HTTP API: JSON in and out, API errors turned into their message. */
final class ApiClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;
  private final String token;

  ApiClient(ApiOptions options) {
    this.base = options.api.replaceAll("/+$", "");
    this.token = options.token;
  }

  JsonNode get(String path) {
    return parse(text(path));
  }

  String text(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, Map<String, ?> body) {
    return post(path, body, null);
  }

  /**
   * @param idempotencyKey sent as {@code Idempotency-Key} when not null
   */
  JsonNode post(String path, Map<String, ?> body, String idempotencyKey) {
    HttpRequest.Builder request = request(path);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      return parse(
          send(
              request
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write request body", e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token);
  }

  private String send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiCallException(
          "cannot reach the Firebreak API at " + base + " (is it running? see --api)");
    } catch (IOException e) {
      throw new ApiCallException(
          "the Firebreak API at " + base + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiCallException("interrupted");
    }
    if (response.statusCode() >= 400) {
      throw new ApiCallException(errorMessage(response));
    }
    return response.body();
  }

  private String errorMessage(HttpResponse<String> response) {
    try {
      JsonNode error = json.readTree(response.body());
      if (error != null && error.hasNonNull("message")) {
        return error.get("message").asText();
      }
    } catch (JsonProcessingException e) {
      // Not our error envelope (a proxy, say): fall through to the status line.
    }
    return "the API answered HTTP " + response.statusCode();
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiCallException("the API answered with something that is not JSON");
    }
  }
}
