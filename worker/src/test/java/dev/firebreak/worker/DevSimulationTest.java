package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DevSimulationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Javalin server =
      Javalin.create(
              cfg ->
                  new DevSimulation(Set.of("recoup-backend"), Set.of("stripe"))
                      .register(cfg.routes))
          .start("127.0.0.1", 0);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.stop();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"healthy\":false}                                                      | 503 | unhealthy",
        "{\"healthy\":false,\"failingCheck\":\"redis\"}                            | 503 | unhealthy",
        "{\"healthy\":true}                                                       | 200 | healthy",
        "{\"status\":\"unhealthy\",\"checks\":{\"database\":\"error\"}}              | 503 | unhealthy",
        "{\"status\":\"healthy\",\"checks\":{\"database\":\"ok\",\"stripe\":\"ok\"}}   | 200 | healthy",
        "{\"checks\":{\"database\":\"ok\",\"redis\":\"down\"}}                         | 503 | ",
        "{\"status\":\"ok\"}                                                       | 200 | ok",
      })
  void aServiceAnswersItsHealthChecksAsSwitchedWithEitherBodyShape(
      String switched, int status, String word) throws Exception {
    HttpResponse<String> change = send("POST", "/dev/services/recoup-backend/health", switched);
    HttpResponse<String> health = send("GET", "/dev/services/recoup-backend/health", null);

    assertThat(change.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(change.body()).get("healthy").asBoolean()).isEqualTo(status == 200);
    assertThat(health.statusCode()).isEqualTo(status);
    JsonNode body = JSON.readTree(health.body());
    assertThat(body.path("status").asText(null)).isEqualTo(word);
    if (JSON.readTree(switched).has("checks")) {
      assertThat(body.get("checks")).isEqualTo(JSON.readTree(switched).get("checks"));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"not json", "{}", "{\"healthy\":\"maybe\"}", "[1,2]"})
  void aBodyOfNeitherShapeIsABadRequestThatShowsBoth(String body) throws Exception {
    HttpResponse<String> change = send("POST", "/dev/services/recoup-backend/health", body);

    assertThat(change.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(change.body());
    assertThat(error.get("error").asText()).isEqualTo("bad_request");
    assertThat(error.get("message").asText()).contains("\"healthy\"").contains("\"checks\"");
  }

  @Test
  void aServiceNobodySwitchedIsHealthy() throws Exception {
    HttpResponse<String> health = send("GET", "/dev/services/recoup-backend/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("healthy");
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
