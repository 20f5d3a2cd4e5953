package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.incidents.IncidentAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API route that reads a body, read strictly: unknown fields, values of the wrong JSON type
 * and bodies that are not JSON are refused before anything is done, each in the {@code
 * {"error","message"}} shape; so are wrong methods and the requests Jetty refuses itself.
 */
class StrictInputApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningApi api;

  /** One API for the whole class: every request here is refused before it reaches a workflow. */
  @BeforeAll
  static void start() {
    api = new RunningApi();
  }

  @AfterAll
  static void stop() {
    api.afterEach(null);
  }

  /**
   * Each body route, with a field that takes text (or, where noted, another type) and a value of
   * the wrong type for it.
   */
  record Route(String path, String field, String wrongValue) {
    @Override
    public String toString() {
      return "POST " + path;
    }
  }

  static List<Route> bodyRoutes() {
    List<Route> routes = new ArrayList<>();
    routes.add(new Route("/api/v1/incidents", "title", "123"));
    routes.add(new Route("/api/v1/incidents/INC-20260101-1/notes", "text", "123"));
    for (IncidentAction action : IncidentAction.values()) {
      routes.add(new Route("/api/v1/incidents/INC-20260101-1/" + action.path, "by", "123"));
    }
    routes.add(new Route("/api/v1/incidents/INC-20260101-1/rollback", "reason", "123"));
    routes.add(new Route("/api/v1/rollbacks", "reason", "123"));
    routes.add(new Route("/api/v1/rollbacks/x/approve", "comment", "123"));
    routes.add(new Route("/api/v1/rollbacks/x/refuse", "comment", "true"));
    routes.add(new Route("/api/v1/maintenance-windows", "title", "123"));
    routes.add(new Route("/api/v1/maintenance-windows", "start", "1767225600"));
    routes.add(new Route("/api/v1/maintenance-windows", "services", "\"recoup-backend\""));
    routes.add(
        new Route("/api/v1/maintenance-windows/MW-20260101-1/extend", "until", "1767225600"));
    routes.add(new Route("/api/v1/maintenance-windows/MW-20260101-1/abort", "reason", "123"));
    routes.add(new Route("/api/v1/maintenance-windows/MW-20260101-1/confirm", "failed", "\"yes\""));
    routes.add(new Route("/api/v1/maintenance-windows/MW-20260101-1/confirm", "step", "1"));
    for (String verb : List.of("run", "pause", "resume")) {
      routes.add(new Route("/api/v1/jobs/payment-verification/" + verb, "reason", "false"));
    }
    return routes;
  }

  private static HttpResponse<String> post(String path, String contentType, String body) {
    HttpRequest.Builder request =
        api.request(path, "admin-token")
            .header("Idempotency-Key", "strict-input")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return api.send(request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyRoutes")
  void anUnknownFieldIsRefusedWithItsName(Route route) {
    HttpResponse<String> response = post(route.path(), "application/json", "{\"bogus\": \"x\"}");

    assertError(response, 400, "bad_request");
    assertThat(json(response).get("message").asText()).contains("Unknown field 'bogus'");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bodyRoutes")
  void aValueOfTheWrongTypeIsRefusedWithTheFieldNamed(Route route) {
    HttpResponse<String> response =
        post(
            route.path(),
            "application/json",
            "{\"" + route.field() + "\": " + route.wrongValue() + "}");

    assertError(response, 400, "bad_request");
    assertThat(json(response).get("message").asText()).contains("'" + route.field() + "'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyRoutes")
  void anObjectWhereTextBelongsIsRefusedNotDropped(Route route) {
    String field =
        route.wrongValue().equals("\"recoup-backend\"") || route.field().equals("failed")
            ? "title"
            : route.field();
    if (route.path().endsWith("/confirm")) {
      field = "note";
    }
    HttpResponse<String> response =
        post(route.path(), "application/json", "{\"" + field + "\": {\"text\": \"x\"}}");

    assertError(response, 400, "bad_request");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyRoutes")
  void aBodyThatIsNotJsonIsUnsupportedMediaType(Route route) {
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
      HttpResponse<String> response = post(route.path(), type, "{}");

      assertError(response, 415, "unsupported_media_type");
    }
  }

  @Test
  void aNumberIsNotASeverity() {
    HttpResponse<String> change =
        post("/api/v1/incidents/INC-20260101-1/severity", "application/json", "{\"severity\": 1}");
    HttpResponse<String> declare =
        post(
            "/api/v1/incidents",
            "application/json",
            "{\"title\": \"x\", \"severity\": 1, \"service\": \"recoup-backend\"}");

    assertError(change, 400, "bad_request");
    assertThat(json(change).get("message").asText())
        .contains("'severity'")
        .contains("P0, P1, P2, P3, P4");
    assertError(declare, 400, "bad_request");
    assertThat(json(declare).get("message").asText()).contains("'severity'");
  }

  @Test
  void aRepeatedFieldAndTrailingJsonAreRefused() {
    assertError(
        post("/api/v1/incidents", "application/json", "{\"title\": \"a\", \"title\": \"b\"}"),
        400,
        "bad_request");
    assertError(
        post("/api/v1/incidents", "application/json", "{\"title\": \"a\"} {}"), 400, "bad_request");
  }

  @Test
  void jsonWithACharsetOrAPlusJsonTypeIsJson() {
    HttpResponse<String> charset =
        post("/api/v1/incidents", "application/json; charset=utf-8", "{\"bogus\": 1}");
    HttpResponse<String> vendor =
        post("/api/v1/incidents", "application/vnd.firebreak+json", "{\"bogus\": 1}");

    assertThat(json(charset).get("message").asText()).contains("Unknown field 'bogus'");
    assertThat(json(vendor).get("message").asText()).contains("Unknown field 'bogus'");
  }

  static Stream<Arguments> wrongMethods() {
    return Stream.of(
        Arguments.of("DELETE", "/api/v1/incidents"),
        Arguments.of("PUT", "/api/v1/incidents/INC-20260101-1"),
        Arguments.of("GET", "/api/v1/incidents/INC-20260101-1/ack"),
        Arguments.of("GET", "/api/v1/incidents/INC-20260101-1/notes"),
        Arguments.of("POST", "/api/v1/incidents/INC-20260101-1/postmortem"),
        Arguments.of("GET", "/api/v1/incidents/INC-20260101-1/rollback"),
        Arguments.of("GET", "/api/v1/rollbacks"),
        Arguments.of("DELETE", "/api/v1/rollbacks/x"),
        Arguments.of("GET", "/api/v1/rollbacks/x/approve"),
        Arguments.of("PATCH", "/api/v1/maintenance-windows"),
        Arguments.of("DELETE", "/api/v1/maintenance-windows/MW-20260101-1"),
        Arguments.of("GET", "/api/v1/maintenance-windows/MW-20260101-1/extend"),
        Arguments.of("POST", "/api/v1/jobs"),
        Arguments.of("GET", "/api/v1/jobs/payment-verification/run"),
        Arguments.of("POST", "/api/v1/services"),
        Arguments.of("POST", "/healthz"),
        Arguments.of("DELETE", "/metrics"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wrongMethods")
  void aWrongMethodIsMethodNotAllowed(String method, String path) {
    HttpResponse<String> response =
        api.send(
            api.request(path, "admin-token").method(method, HttpRequest.BodyPublishers.noBody()));

    assertError(response, 405, "method_not_allowed");
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allowed -> assertThat(allowed).isNotBlank().doesNotContain(method));
  }

  static Stream<Arguments> requestsJettyRefuses() {
    return Stream.of(
        Arguments.of(
            "a URI too long",
            "GET /api/v1/incidents?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            414),
        Arguments.of(
            "headers too large",
            "GET /api/v1/incidents HTTP/1.1\r\nHost: a\r\nX-Big: "
                + "x".repeat(20_000)
                + "\r\n\r\n",
            431),
        Arguments.of(
            "a malformed header",
            "GET /api/v1/incidents HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n",
            400),
        Arguments.of(
            "a malformed request line", "GET /api/v1/ incidents HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        Arguments.of(
            "an unknown HTTP version", "GET /api/v1/incidents HTTP/9.9\r\nHost: a\r\n\r\n", 505),
        Arguments.of(
            "a broken escape in the path",
            "GET /api/v1/incidents/%zz HTTP/1.1\r\nHost: a\r\n\r\n",
            400),
        Arguments.of("no Host", "GET /api/v1/incidents HTTP/1.1\r\n\r\n", 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requestsJettyRefuses")
  void aRequestJettyRefusesIsAnsweredInTheApisErrorShape(String what, String raw, int status)
      throws IOException {
    String response = raw(raw);

    assertThat(response).startsWith("HTTP/1.1 " + status);
    assertThat(response.toLowerCase()).contains("content-type: application/json");
    JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(body.has("error")).isTrue();
    assertThat(body.get("message").asText()).isNotBlank();
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return response;
    } catch (java.net.SocketException reset) {
      throw new UncheckedIOException(reset);
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = json(response);
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.size()).isEqualTo(2);
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
