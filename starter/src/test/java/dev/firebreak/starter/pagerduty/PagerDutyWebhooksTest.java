package dev.firebreak.starter.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.api.ApiRequests;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.incidents.IncidentAction;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentStatus;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.RecordingStatusPage;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /webhooks/pagerduty} end to end: PagerDuty's signed deliveries (from {@link
 * PagerDutyWebhookSender}) through the API's Javalin server into the real incident workflow on the
 * Temporal test server, whose clock starts at a pinned time and is moved on by the tests.
 */
class PagerDutyWebhooksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-12-04T03:00:00Z");
  private static final String SECRET = "pd-signing-secret-current";
  private static final String OLD_SECRET = "pd-signing-secret-old";
  private static final String AGENT = "Tenex Engineer";

  private static final String CONFIG =
      """
      organisation: Acme
      escalation:
        levels:
          - { name: primary, targets: ["pagerduty:ops"] }
          - { name: secondary, targets: ["slack:U0BOB"], after: 15m }
      services:
        - name: api
          healthUrl: http://127.0.0.1:9/health
      providers:
        pagerduty:
          routingKey: "${PD_ROUTING_KEY}"
          webhookSecrets: ["${PD_WEBHOOK_SECRET}", "${PD_WEBHOOK_SECRET_OLD}"]
      """;

  private final FirebreakConfig config = new ConfigLoader().load(CONFIG);
  private final TestWorkflowEnvironment temporal =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setInitialTime(START).build());
  private final RecordingPager pager = new RecordingPager();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private final IncidentServices incidents;
  private final ApiServer server;
  private final PagerDutyWebhookSender pagerDuty;
  private boolean started;

  PagerDutyWebhooksTest() {
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(), new RecordingChat(), pager, diagnostics, new RecordingStatusPage());
    incidents = IncidentServices.of(temporal.getWorkflowClient(), config, false);
    PagerDutyWebhooks webhooks =
        PagerDutyWebhooks.from(
                config,
                new SecretResolver(
                    Map.of(
                            "PD_ROUTING_KEY", "routing-key",
                            "PD_WEBHOOK_SECRET", SECRET,
                            "PD_WEBHOOK_SECRET_OLD", OLD_SECRET)
                        ::get),
                incidents.updates())
            .orElseThrow();
    server =
        new ApiServer(
                incidents,
                new MaintenanceWindows(incidents, config, Clock.systemUTC()),
                config,
                ApiTokens.none(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true,
                webhooks::register)
            .start("127.0.0.1", 0);
    pagerDuty = sender(SECRET);
  }

  @AfterEach
  void stop() {
    server.stop();
    temporal.close();
  }

  private PagerDutyWebhookSender sender(String... secrets) {
    return new PagerDutyWebhookSender(
        new ApiRequests(() -> "http://127.0.0.1:" + server.port()), secrets);
  }

  /** An incident paged through PagerDuty: its alert's dedup key is the incident id. */
  private String declare() {
    String id = declareWithoutWorker();
    startWorker();
    await().atMost(Duration.ofSeconds(10)).until(() -> pages(id) == 1);
    return id;
  }

  /** An incident nobody runs yet: it accepts no update until {@link #startWorker}. */
  private String declareWithoutWorker() {
    return incidents
        .declarations()
        .declare(
            new Declaration(
                null,
                "Checkout returns 500",
                Severity.P1,
                "api",
                null,
                null,
                "alertmanager",
                null));
  }

  private void startWorker() {
    if (!started) {
      temporal.start();
      started = true;
    }
  }

  /** The one note on the incident's timeline, once it is there, which PagerDuty's agent wrote. */
  private String onlyNote(String id) {
    await().atMost(Duration.ofSeconds(10)).until(() -> !entries(id, "note").isEmpty());
    assertThat(entries(id, "note")).hasSize(1);
    TimelineEntry note = entries(id, "note").get(0);
    assertThat(note.actor()).isEqualTo("PagerDuty: " + AGENT);
    return note.text();
  }

  private IncidentView view(String id) {
    return incidents.reads().view(id);
  }

  private long pages(String id) {
    return pager.pages.stream().filter(p -> p.incidentId().equals(id)).count();
  }

  private List<TimelineEntry> entries(String id, String kind) {
    return view(id).timeline().stream().filter(e -> e.kind().equals(kind)).toList();
  }

  private static String outcome(HttpResponse<String> response) {
    return json(response).path("outcome").asText();
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAcknowledgementInPagerDutyAcknowledgesItsIncidentThereAndStopsItsEscalation() {
    String acked = declare();
    String other = declare();

    HttpResponse<String> response =
        pagerDuty.send(pagerDuty.incidentEvent("incident.acknowledged", acked, AGENT));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(outcome(response)).isEqualTo("acknowledged");
    assertThat(view(acked).acknowledgedBy()).isEqualTo("PagerDuty: " + AGENT);
    temporal.sleep(Duration.ofMinutes(20));
    assertThat(pages(acked)).as("the secondary is not paged for the acknowledged one").isEqualTo(1);
    assertThat(pages(other)).as("the other incident still escalates").isEqualTo(2);
    assertThat(view(other).acknowledgedBy()).isNull();
  }

  @Test
  void theEchoOfOurOwnAcknowledgementChangesNothing() {
    String id = declare();
    incidents.updates().update(id, IncidentAction.ACKNOWLEDGE, new Acknowledgement("alice"), null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pager.providerEvents.contains("acknowledge"));

    // PagerDuty tells of the acknowledgement our Events API call made: no person, a new webhook.
    HttpResponse<String> echo =
        pagerDuty.send(pagerDuty.incidentEvent("incident.acknowledged", id, null));

    assertThat(echo.statusCode()).isEqualTo(202);
    assertThat(outcome(echo)).isEqualTo("unchanged");
    assertThat(view(id).acknowledgedBy()).isEqualTo("alice");
    assertThat(entries(id, "acknowledged")).hasSize(1);
    assertThat(pager.providerEvents).containsOnlyOnce("acknowledge");
  }

  @Test
  void anAcknowledgementFromPagerDutyIsSentBackToPagerDutyOnceAndItsEchoIsIgnored() {
    String id = declare();

    pagerDuty.send(pagerDuty.incidentEvent("incident.acknowledged", id, AGENT));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pager.providerEvents.contains("acknowledge"));
    HttpResponse<String> echo =
        pagerDuty.send(pagerDuty.incidentEvent("incident.acknowledged", id, null));

    assertThat(outcome(echo)).isEqualTo("unchanged");
    assertThat(view(id).acknowledgedBy()).isEqualTo("PagerDuty: " + AGENT);
    assertThat(pager.providerEvents).containsOnlyOnce("acknowledge");
  }

  static Stream<Arguments> signatures() {
    byte[] any = "{}".getBytes(StandardCharsets.UTF_8);
    String current = "v1=" + PagerDutyWebhookSender.hmac(SECRET, any);
    String old = "v1=" + PagerDutyWebhookSender.hmac(OLD_SECRET, any);
    String stranger = "v1=" + PagerDutyWebhookSender.hmac("someone-elses-secret", any);
    return Stream.of(
        Arguments.of("signed with the current secret", new String[] {SECRET}, null, 202),
        Arguments.of(
            "signed with the older configured secret", new String[] {OLD_SECRET}, null, 202),
        Arguments.of(
            "rotation: an unknown new secret first, then ours",
            new String[] {"pagerduty-new-secret", SECRET},
            null,
            202),
        Arguments.of(
            "rotation: ours first, then an unknown one",
            new String[] {SECRET, "pagerduty-new-secret"},
            null,
            202),
        Arguments.of("upper-case hex", new String[] {SECRET}, "UPPER", 202),
        Arguments.of("forged with another secret", new String[] {"forger"}, null, 401),
        Arguments.of("no signature header", new String[] {}, "NONE", 401),
        Arguments.of("a signature of another body", new String[] {}, current + "," + old, 401),
        Arguments.of("another version only", new String[] {}, "v0=" + current.substring(3), 401),
        Arguments.of("an empty v1 entry", new String[] {}, "v1=", 401),
        Arguments.of("someone else's signature of another body", new String[] {}, stranger, 401));
  }

  @ParameterizedTest(name = "{0} → {3}")
  @MethodSource("signatures")
  void onlyADeliverySignedWithAConfiguredSecretActsAndAnyOtherChangesNothing(
      String description, String[] signingSecrets, String header, int status) {
    String id = declare();
    PagerDutyWebhookSender.Delivery delivery =
        sender(signingSecrets).incidentEvent("incident.acknowledged", id, AGENT);
    if ("NONE".equals(header)) {
      delivery = delivery.signedAs(null);
    } else if ("UPPER".equals(header)) {
      delivery = delivery.signedAs(delivery.signature().toUpperCase(java.util.Locale.ROOT));
    } else if (header != null) {
      delivery = delivery.signedAs(header);
    }

    HttpResponse<String> response = pagerDuty.send(delivery);

    assertThat(response.statusCode()).isEqualTo(status);
    if (status == 401) {
      assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
      assertThat(json(response).path("message").asText()).contains("nothing changed");
      assertThat(view(id).acknowledgedBy()).isNull();
      // A refused delivery is not remembered: the genuine one with the same id still acts.
      assertThat(outcome(pagerDuty.send(pagerDuty.signed(delivery)))).isEqualTo("acknowledged");
    } else {
      assertThat(outcome(response)).isEqualTo("acknowledged");
    }
  }

  @Test
  void aDeliveryPagerDutySendsAgainActsOnce() {
    String id = declare();
    PagerDutyWebhookSender.Delivery unacknowledged =
        pagerDuty.incidentEvent("incident.unacknowledged", id, AGENT);
    PagerDutyWebhookSender.Delivery acknowledged =
        pagerDuty.incidentEvent("incident.acknowledged", id, AGENT);

    List<String> outcomes =
        Stream.of(unacknowledged, unacknowledged, acknowledged, acknowledged)
            .map(pagerDuty::send)
            .map(PagerDutyWebhooksTest::outcome)
            .toList();

    assertThat(outcomes).containsExactly("noted", "duplicate", "acknowledged", "duplicate");
    assertThat(onlyNote(id)).startsWith("Unacknowledged in PagerDuty (incident #");
    assertThat(entries(id, "acknowledged")).hasSize(1);
  }

  @Test
  void aDeliveryTheIncidentDoesNotTakeInTimeFailsSoPagerDutysRetryOfItActs() {
    String id = declareWithoutWorker();
    PagerDutyWebhookSender.Delivery delivery =
        pagerDuty.incidentEvent("incident.acknowledged", id, AGENT);

    HttpResponse<String> first = pagerDuty.send(delivery);

    assertThat(first.statusCode()).as("PagerDuty retries a 5xx").isEqualTo(504);
    assertThat(json(first).path("error").asText()).isEqualTo("timeout");
    startWorker();
    HttpResponse<String> retry = pagerDuty.send(delivery);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(outcome(retry)).isEqualTo("acknowledged");
    assertThat(view(id).acknowledgedBy()).isEqualTo("PagerDuty: " + AGENT);
    assertThat(entries(id, "acknowledged")).hasSize(1);
  }

  @Test
  void aResolveInPagerDutyResolvesItsIncidentWhenTheChecksPass() {
    String id = declare();

    HttpResponse<String> response =
        pagerDuty.send(pagerDuty.incidentEvent("incident.resolved", id, AGENT));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(outcome(response)).isEqualTo("resolving");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> view(id).status() == IncidentStatus.MONITORING);
    assertThat(entries(id, "resolved"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.actor()).isEqualTo("PagerDuty: " + AGENT));
    // Our resolve goes to PagerDuty too; its echo finds the incident resolved already.
    HttpResponse<String> echo =
        pagerDuty.send(pagerDuty.incidentEvent("incident.resolved", id, null));
    assertThat(outcome(echo)).isEqualTo("unchanged");
    assertThat(entries(id, "resolved")).hasSize(1);
  }

  @Test
  void aResolveInPagerDutyWhileTheChecksFailLeavesTheIncidentOpenWithANoteSayingSo() {
    String id = declare();
    diagnostics.healthy = false;

    HttpResponse<String> response =
        pagerDuty.send(pagerDuty.incidentEvent("incident.resolved", id, AGENT));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(onlyNote(id))
        .startsWith("Resolved in PagerDuty (incident #")
        .contains("but the health checks fail here, so the incident stays open");
    assertThat(entries(id, "resolve-refused")).hasSize(1);
    assertThat(view(id).status().isOpen()).isTrue();
    assertThat(view(id).resolvedAt()).isNull();
  }

  @Test
  void aReopenInPagerDutyIsANoteOnTheTimeline() {
    String id = declare();

    HttpResponse<String> response =
        pagerDuty.send(pagerDuty.incidentEvent("incident.reopened", id, AGENT));

    assertThat(outcome(response)).isEqualTo("noted");
    assertThat(onlyNote(id)).startsWith("Reopened in PagerDuty (incident #");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "incident.annotated",
        "incident.escalated",
        "incident.priority_updated",
        "incident.triggered",
        "service.updated",
        "incident.some_early_access_type"
      })
  void anEventTypeFirebreakDoesNotActOnIsAcceptedAndIgnored(String type) {
    String id = declare();

    HttpResponse<String> response = pagerDuty.send(pagerDuty.incidentEvent(type, id, AGENT));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(outcome(response)).isEqualTo("ignored");
    assertThat(view(id).acknowledgedBy()).isNull();
    assertThat(view(id).timeline()).noneMatch(entry -> entry.kind().equals("note"));
  }

  @Test
  void pageyPingIsAcceptedAndIgnored() {
    HttpResponse<String> response = pagerDuty.send(pagerDuty.ping());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(outcome(response)).isEqualTo("ignored");
  }

  @ParameterizedTest
  @ValueSource(strings = {"srv01/HTTP", "INC-20991231-1", "NONE"})
  void anEventForAnIncidentFirebreakDoesNotKnowIsAcceptedSoPagerDutyKeepsTheSubscription(
      String incidentKey) {
    HttpResponse<String> response =
        pagerDuty.send(
            pagerDuty.incidentEvent(
                "incident.acknowledged", "NONE".equals(incidentKey) ? null : incidentKey, AGENT));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(outcome(response)).isEqualTo("unknown_incident");
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of(0, 400),
        // Above the 1 MB the API reads elsewhere: PagerDuty's limit is its own.
        Arguments.of(1_500_000, 202),
        Arguments.of(PagerDutyWebhooks.MAX_BODY_BYTES, 202),
        Arguments.of(PagerDutyWebhooks.MAX_BODY_BYTES + 1, 413),
        Arguments.of(3 * PagerDutyWebhooks.MAX_BODY_BYTES, 413));
  }

  @ParameterizedTest(name = "{0} bytes → {1}")
  @MethodSource("bodies")
  void aSignedBodyIsReadUpToTwoMegabytes(int size, int status) {
    byte[] body = new byte[size];
    if (size > 0) {
      // A ping padded with white space to the size, valid JSON whatever the length.
      byte[] ping = pagerDuty.ping().body();
      Arrays.fill(body, (byte) ' ');
      System.arraycopy(ping, 0, body, 0, ping.length);
    }

    HttpResponse<String> response = pagerDuty.send(pagerDuty.signed(body));

    assertThat(response.statusCode()).isEqualTo(status);
    if (status != 202) {
      assertThat(json(response).path("error").asText())
          .isEqualTo(status == 413 ? "payload_too_large" : "bad_request");
    }
  }
}
