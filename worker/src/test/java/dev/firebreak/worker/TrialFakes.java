package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.activities.fakes.FakeStatuspageApi;
import dev.firebreak.activities.fakes.FakeVercel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The providers of a process trial, as local fakes in the test's JVM (Slack, PagerDuty, Statuspage,
 * a health endpoint and Vercel for rollbacks), the environment that points Firebreak's processes at
 * them, and the readings a trial counts: a lost step or a duplicate shows at the fakes.
 */
final class TrialFakes implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ROUTING_KEY = "R0UTINGKEY0000000000000000000000";
  static final String STATUSPAGE_KEY = "statuspage-key";
  static final String PAGE_ID = "page0test01";
  static final String COMPONENT = "cmp0shop001";
  static final String VERCEL_TOKEN = "vercel-token";
  static final String VERCEL_PROJECT = "prj_trial_shop";

  final FakeSlack slack = new FakeSlack();
  final FakePagerDuty pagerDuty = new FakePagerDuty(ROUTING_KEY);
  final FakeStatuspageApi statuspage =
      new FakeStatuspageApi(STATUSPAGE_KEY, PAGE_ID).component(COMPONENT);
  final FakeHealthEndpoint health = new FakeHealthEndpoint().healthy();

  /** A good deploy an hour old and a bad one live now: a rollback has somewhere to go. */
  final FakeVercel vercel =
      new FakeVercel(VERCEL_TOKEN, null)
          .productionDeploy(
              VERCEL_PROJECT, "dpl_good", Instant.now().minusSeconds(3600), "READY", "aaa")
          .productionDeploy(VERCEL_PROJECT, "dpl_bad", Instant.now(), "READY", "bbb");

  /** What the worker and API processes need to reach the fakes (besides the server's address). */
  Map<String, String> env() {
    return Map.of(
        "SLACK_BOT_TOKEN", slack.token(),
        "SLACK_API_URL", slack.apiUrlPrefix(),
        "PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
        "PAGERDUTY_API_URL", pagerDuty.baseUrl(),
        "STATUSPAGE_API_KEY", STATUSPAGE_KEY,
        "STATUSPAGE_API_URL", statuspage.baseUrl(),
        "VERCEL_TOKEN", VERCEL_TOKEN,
        "VERCEL_API_URL", vercel.baseUrl());
  }

  /** Every call the providers' fakes have received, answered or not. */
  int calls() {
    return slack.calls()
        + pagerDuty.requests().size()
        + statuspage.requests().size()
        + vercel.requests().size();
  }

  /**
   * The incident's message (in its room, edited as the incident changes), wherever Slack holds it.
   */
  List<FakeSlackMessage> incidentMessages(String id) {
    return slack.everyMessage().stream()
        .filter(message -> (id + "/incident-message").equals(message.metadataValue("key")))
        .toList();
  }

  /** The incident's top-level messages in #incidents: the announcement of its room. */
  List<FakeSlackMessage> announcements(String id) {
    return slack.messages(FakeSlack.DEFAULT_CHANNEL_NAME).stream()
        .filter(message -> !message.isReply() && id.equals(message.metadataValue("incident_id")))
        .toList();
  }

  /** Every message key Slack holds more than once: a post a retry or a restart repeated. */
  List<String> duplicatedSlackKeys() {
    return slack.everyMessage().stream()
        .map(message -> message.metadataValue("key"))
        .filter(Objects::nonNull)
        .collect(Collectors.groupingBy(key -> key, Collectors.counting()))
        .entrySet()
        .stream()
        .filter(entry -> entry.getValue() > 1)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  List<JsonNode> pagerDutyEvents(String id) {
    return pagerDuty.requests().stream()
        .map(
            request -> {
              try {
                return JSON.readTree(FakeServer.bodyOf(request));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .filter(event -> id.equals(event.path("dedup_key").asText()))
        .toList();
  }

  List<String> pagerDutyActions(String id) {
    return pagerDutyEvents(id).stream().map(event -> event.path("event_action").asText()).toList();
  }

  /** Trigger events that reached PagerDuty, by escalation level. */
  Map<String, Long> triggersByLevel(String id) {
    return pagerDutyEvents(id).stream()
        .filter(event -> event.path("event_action").asText().equals("trigger"))
        .collect(
            Collectors.groupingBy(
                event ->
                    event.path("payload").path("custom_details").path("escalation_level").asText(),
                Collectors.counting()));
  }

  /**
   * The incident's public incidents: its id in the name or metadata, not followed by a digit
   * (INC-…-1 is not INC-…-10).
   */
  List<FakeStatuspageApi.Incident> statuspageIncidents(String id) {
    Pattern ofThisIncident = Pattern.compile(Pattern.quote(id) + "(?!\\d)");
    return statuspage.incidents().stream()
        .filter(
            incident ->
                ofThisIncident.matcher(incident.name()).find()
                    || ofThisIncident.matcher(incident.metadata().toString()).find())
        .toList();
  }

  /** Public updates that repeat the one before them word for word. */
  static int duplicatedUpdates(FakeStatuspageApi.Incident incident) {
    int duplicates = 0;
    for (int i = 1; i < incident.updates().size(); i++) {
      if (incident.updates().get(i).equals(incident.updates().get(i - 1))) {
        duplicates++;
      }
    }
    return duplicates;
  }

  @Override
  public void close() {
    for (AutoCloseable fake : new AutoCloseable[] {slack, pagerDuty, statuspage, health, vercel}) {
      try {
        fake.close();
      } catch (Exception e) {
        System.err.println("could not close " + fake + ": " + e);
      }
    }
  }
}
