package dev.firebreak.starter.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.AlertsConfig;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.SilencedAlert;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/v1/alerts} on the API over the real incident workflow (RunningApi's Temporal).
 */
class AlertEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHARED_SECRET = "s3cret-shared";
  private static final String SENTRY_SECRET = "sentry-client-secret";

  @RegisterExtension final RunningApi api = new RunningApi();

  private final FirebreakConfig config = new ConfigLoader().load(AlertRulesTest.CONFIG);
  private final IncidentServices incidents =
      IncidentServices.of(api.temporal.getWorkflowClient(), config, false);
  private final ApiServer server;

  /** A maintenance window's silence, as RunningWindows reports it for the service it works on. */
  private static final Instant SILENCE_ENDS = Instant.parse("2030-01-01T00:00:00Z");

  private volatile String silencedService;
  private final List<SilencedAlert> silenced = new CopyOnWriteArrayList<>();

  AlertEndpointTest() {
    ApiTokens tokens =
        ApiTokens.none()
            .with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)))
            .with("viewer-token", new ApiCaller("dashboard", Set.of(Role.VIEWER)));
    SecretResolver secrets =
        new SecretResolver(
            Map.of("ALERT_SECRET", SHARED_SECRET, "SENTRY_CLIENT_SECRET", SENTRY_SECRET)::get);
    PrometheusMeterRegistry registry = api.registry;
    AlertEndpoint alerts =
        new AlertEndpoint(
            config,
            tokens,
            secrets,
            incidents,
            registry,
            null,
            alert -> {
              if (!alert.service().equals(silencedService)) {
                return null;
              }
              silenced.add(alert);
              return SILENCE_ENDS;
            });
    server =
        new ApiServer(
                incidents,
                new MaintenanceWindows(incidents, config, Clock.systemUTC()),
                config,
                tokens,
                registry,
                () -> true,
                alerts::register)
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  private static String example(String name) {
    try (InputStream in = AlertEndpointTest.class.getResourceAsStream("/alerts/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> post(String query, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + AlertEndpoint.PATH + query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return api.send(request);
  }

  private HttpResponse<String> postWithSecret(String body) {
    return post("", body, Map.of(AlertsConfig.DEFAULT_SECRET_HEADER, SHARED_SECRET));
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String incidentId(HttpResponse<String> response) {
    return json(response).get("incidents").get(0).get("id").asText();
  }

  private static long pages(IncidentView view) {
    return view.timeline().stream().filter(e -> e.kind().equals("paged")).count();
  }

  private static String errorRate(String status, double rate) {
    return """
        {"version": "4", "groupKey": "{}:{alertname=\\"HighErrorRate\\"}", "status": "%s", "alerts": [
          {"status": "%s", "fingerprint": "e1", "labels": {"alertname": "HighErrorRate", "job": "checkout"},
           "annotations": {"summary": "Checkout error rate", "error_rate": "%s%%"}}]}"""
        .formatted(status, status, rate);
  }

  @Test
  void alertmanagerExampleOpensAnIncidentOnItsServiceAtItsLabelledSeverity() {
    HttpResponse<String> response = postWithSecret(example("alertmanager-firing.json"));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode outcome = json(response).get("incidents").get(0);
    assertThat(outcome.get("id").asText()).startsWith("ALERT-").hasSize(18);
    assertThat(outcome.get("workflowId").asText())
        .isEqualTo("incident-" + outcome.get("id").asText());
    assertThat(outcome.get("alert").asText()).isEqualTo("firing");
    IncidentView view =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> incidents.reads().view(outcome.get("id").asText()), v -> pages(v) == 1);
    assertThat(view.service()).isEqualTo("recoup-backend");
    assertThat(view.severity()).isEqualTo(Severity.P1);
    assertThat(view.title()).isEqualTo("ProbeFailure");
    assertThat(view.declaredBy()).isEqualTo("alertmanager");
    assertThat(view.alerts().firings()).isEqualTo(1);
  }

  @Test
  void anAlertForAServiceUnderMaintenanceIsRecordedOnTheWindowAndPagesNobody() {
    silencedService = "recoup-backend";

    HttpResponse<String> response = postWithSecret(example("alertmanager-firing.json"));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode outcome = json(response).get("incidents").get(0);
    assertThat(outcome.get("recorded").asBoolean()).isTrue();
    assertThat(silenced)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.incidentId()).isEqualTo(outcome.get("id").asText());
              assertThat(alert.alert().firing()).isTrue();
              assertThat(alert.declaredBySender()).as("the window declares it").isFalse();
            });
    assertThat(incidents.reads().list(false)).as("no incident, no page").isEmpty();
    assertThat(api.chat.posts).isEmpty();
  }

  @Test
  void anAlertForAnotherServiceStillPagesDuringSomeoneElsesMaintenance() {
    silencedService = "talk-to-my-lawyer";

    String id = incidentId(postWithSecret(example("alertmanager-firing.json")));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> incidents.reads().view(id), v -> pages(v) == 1);
    assertThat(silenced).isEmpty();
  }

  @Test
  void anIncidentAnAlertOpensIsCountedAsDeclaredOnceHoweverOftenItFires() {
    String id = incidentId(postWithSecret(errorRate("firing", 7.2)));
    postWithSecret(errorRate("firing", 8.1));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> incidents.reads().view(id).alerts().firings() == 2);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(metrics()).containsPattern(RunningApi.declaredOnce("P1")));
  }

  private String metrics() {
    return api.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")))
        .body();
  }

  @Test
  void fiftyConcurrentDeliveriesOfOneAlertMakeOneIncidentAndOnePage() throws Exception {
    String body = example("alertmanager-firing.json");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(50);
    List<CompletableFuture<HttpResponse<String>>> deliveries;
    try {
      deliveries =
          java.util.stream.IntStream.range(0, 50)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            try {
                              start.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return postWithSecret(body);
                          },
                          senders))
              .toList();
      start.countDown();
      CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).join();
    } finally {
      senders.shutdown();
    }

    assertThat(deliveries).allSatisfy(d -> assertThat(d.get().statusCode()).isEqualTo(202));
    assertThat(deliveries.stream().map(d -> incidentId(d.join())).distinct()).hasSize(1);
    String id = incidentId(deliveries.get(0).get());
    IncidentView view =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> incidents.reads().view(id), v -> v.alerts().firings() == 50 && pages(v) == 1);
    assertThat(incidents.reads().list(true)).hasSize(1);
    assertThat(view.timeline())
        .filteredOn(e -> e.kind().equals("alert-firing"))
        .singleElement()
        .extracting(TimelineEntry::text)
        .asString()
        .contains("50 deliveries");
  }

  @Test
  void aResolvedAlertIsRecordedAndLeavesTheIncidentOpenWhereConfigSaysNothing() {
    String id = incidentId(postWithSecret(example("alertmanager-firing.json")));
    HttpResponse<String> resolved = postWithSecret(example("alertmanager-resolved.json"));

    assertThat(resolved.statusCode()).isEqualTo(202);
    assertThat(json(resolved).get("incidents").get(0).get("recorded").asBoolean()).isTrue();
    IncidentView view =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> incidents.reads().view(id), v -> v.alerts().resolutions() == 1);
    assertThat(view.status()).isEqualTo(IncidentStatus.DECLARED);
  }

  @Test
  void aResolvedErrorRateAlertResolvesItsP1IncidentAsItsRuleSays() {
    HttpResponse<String> firing = postWithSecret(errorRate("firing", 7.2));
    String id = incidentId(firing);
    postWithSecret(errorRate("resolved", 7.2));

    IncidentView view =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> incidents.reads().view(id),
                v ->
                    v.status() != IncidentStatus.DECLARED
                        && v.status() != IncidentStatus.ACKNOWLEDGED);
    assertThat(view.severity()).isEqualTo(Severity.P1);
    assertThat(view.resolvedAt()).isNotNull();
    assertThat(view.timeline())
        .extracting(TimelineEntry::kind)
        .contains("alert-resolved", "resolved");
  }

  @Test
  void aResolvedAlertWithoutAnOpenIncidentIsAcceptedButRecordedNowhere() {
    HttpResponse<String> response = postWithSecret(example("alertmanager-resolved.json"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).get("incidents").get(0).get("recorded").asBoolean()).isFalse();
    assertThat(incidents.reads().list(false)).isEmpty();
  }

  @Test
  void sentryIssueAlertSignedWithTheClientSecretIsAcceptedAndAForgedOneIsNot() throws Exception {
    String body = example("sentry-issue-alert.json");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SENTRY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));

    HttpResponse<String> forged =
        post(
            "",
            body.replace("heck is not defined", "forged"),
            Map.of("Sentry-Hook-Signature", signature, "Sentry-Hook-Resource", "event_alert"));
    HttpResponse<String> signed =
        post(
            "",
            body,
            Map.of("Sentry-Hook-Signature", signature, "Sentry-Hook-Resource", "event_alert"));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(json(forged).get("message").asText())
        .contains("Sentry-Hook-Signature does not match");
    assertThat(signed.statusCode()).isEqualTo(202);
    IncidentView view =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> incidents.reads().view(incidentId(signed)), v -> v != null);
    assertThat(view.service()).isEqualTo("talk-to-my-lawyer");
    assertThat(view.severity()).isEqualTo(Severity.P2);
    assertThat(view.title()).isEqualTo("ReferenceError: heck is not defined");
  }

  @Test
  void grafanaAndGenericAlertsAreAcceptedWithAResponderToken() {
    String grafana =
        example("grafana-firing.json")
            .replace("\"zone\": \"eu-1\"", "\"zone\": \"eu-1\", \"service\": \"recoup-backend\"");
    HttpResponse<String> fromGrafana =
        post("", grafana, Map.of("Authorization", "Bearer responder-token"));
    HttpResponse<String> generic =
        post(
            "?source=generic",
            example("generic-firing.json"),
            Map.of("Authorization", "Bearer responder-token"));

    assertThat(fromGrafana.statusCode()).isEqualTo(202);
    assertThat(json(fromGrafana).get("incidents")).hasSize(2);
    assertThat(generic.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> incidents.reads().list(true).size() == 3);
  }

  @Test
  void unauthenticatedOrUnderprivilegedSendersAreRefusedAndNothingStarts() {
    String body = example("alertmanager-firing.json");

    HttpResponse<String> none = post("", body, Map.of());
    HttpResponse<String> wrongSecret =
        post("", body, Map.of(AlertsConfig.DEFAULT_SECRET_HEADER, "guess"));
    HttpResponse<String> badToken = post("", body, Map.of("Authorization", "Bearer nope"));
    HttpResponse<String> viewer = post("", body, Map.of("Authorization", "Bearer viewer-token"));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).get("message").asText())
        .contains("Authorization: Bearer")
        .contains(AlertsConfig.DEFAULT_SECRET_HEADER);
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(badToken.statusCode()).isEqualTo(401);
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(json(viewer).get("message").asText()).contains("responder role");
    assertThat(incidents.reads().list(false)).isEmpty();
  }

  @Test
  void malformedOversizedAndUnroutableBodiesAre4xxAndApplyNothing() {
    HttpResponse<String> notJson = postWithSecret("{\"alerts\": [");
    HttpResponse<String> array = postWithSecret("[]");
    HttpResponse<String> oversized =
        postWithSecret("{\"title\": \"" + "x".repeat(AlertEndpoint.MAX_BODY_BYTES) + "\"}");
    HttpResponse<String> beyondWhatTheApiReads =
        postWithSecret("{\"title\": \"" + "x".repeat(2_000_000) + "\"}");
    // The first alert of this group routes, the second does not: neither may be applied.
    String halfRoutable = example("grafana-firing.json");
    HttpResponse<String> unroutable = postWithSecret(halfRoutable);

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).get("message").asText()).startsWith("The body is not valid JSON");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(json(oversized).get("error").asText()).isEqualTo("payload_too_large");
    assertThat(beyondWhatTheApiReads.statusCode()).isEqualTo(413);
    assertThat(json(beyondWhatTheApiReads).get("error").asText()).isEqualTo("payload_too_large");
    assertThat(unroutable.statusCode()).isEqualTo(422);
    assertThat(json(unroutable).get("message").asText()).contains("High CPU usage");
    assertThat(incidents.reads().list(false)).isEmpty();
  }

  @ParameterizedTest(name = "error rate {0} % announces in {1}")
  @CsvSource({"7.2, #alerts-critical", "3.0, #alerts-warning"})
  void anAlertsIncidentIsAnnouncedInTheChannelItsSeverityRoutesTo(double rate, String channel) {
    assertThat(postWithSecret(errorRate("firing", rate)).statusCode()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.chat.announced)
                    .extracting(card -> card.channel())
                    .containsExactly(channel));
  }
}
