package dev.firebreak.starter.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.alerts.AlertEndpoint;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.slack.SlackEndpoints;
import dev.firebreak.starter.slack.SlackRequests;
import dev.firebreak.starter.slack.SlackSettings;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.DeclarationLimits;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.job.JobAction;
import dev.firebreak.workflows.job.JobAlerts;
import dev.firebreak.workflows.job.JobCommand;
import dev.firebreak.workflows.job.JobRetry;
import dev.firebreak.workflows.job.JobSpec;
import dev.firebreak.workflows.job.JobState;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way of declaring an incident (the API, Slack's command and form, an alert, a failing job, a
 * failing maintenance window) keeps the same title limit (refused where a person can be asked for a
 * shorter one, fitted to it otherwise), is counted once in {@code
 * firebreak_incidents_declared_total}, and is told to the maintenance windows running at the time.
 * All paths run against one API process (Slack and the alert intake mounted on it) over the real
 * incident, job and window workflows.
 */
class DeclarationEntryPathsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLACK_SECRET = "test-signing-secret";
  private static final Pattern SLACK_DECLARED = Pattern.compile("declared \\*(INC-[^*]+)\\*");
  private static final String OVER_LIMIT = "x".repeat(DeclarationLimits.MAX_TITLE + 1);

  @RegisterExtension final RunningApi api = new RunningApi();

  private final FirebreakConfig config =
      new ConfigLoader()
          .load(
              RunningApi.CONFIG
                  + """
                  providers:
                    slack:
                      signingSecret: ${SLACK_SIGNING_SECRET}
                  """);
  private final IncidentServices incidents =
      IncidentServices.of(api.temporal.getWorkflowClient(), config, false);
  private final SlackEndpoints slack =
      new SlackEndpoints(
          new SlackSettings(
              SLACK_SECRET, null, SlackSettings.DEFAULT_API_URL, Duration.ofSeconds(2), null),
          config,
          incidents,
          new MaintenanceWindows(incidents, config, Clock.systemUTC()));
  private final ApiServer server;
  private final SlackRequests slackRequests;

  DeclarationEntryPathsTest() {
    ApiTokens tokens =
        ApiTokens.none().with("responder-token", new ApiCaller("alice", Set.of(Role.RESPONDER)));
    AlertEndpoint alerts =
        new AlertEndpoint(
            config, tokens, new SecretResolver(name -> null), incidents, api.registry);
    server =
        new ApiServer(
                incidents,
                new MaintenanceWindows(incidents, config, Clock.systemUTC()),
                config,
                tokens,
                api.registry,
                () -> true,
                routes -> {
                  slack.register(routes);
                  alerts.register(routes);
                })
            .start("127.0.0.1", 0);
    slackRequests = new SlackRequests("http://127.0.0.1:" + server.port(), SLACK_SECRET);
  }

  @AfterEach
  void stop() {
    server.stop();
    slack.close();
  }

  /** One way of declaring an incident on recoup-backend. */
  enum EntryPath {
    API(true) {
      @Override
      Optional<String> declare(DeclarationEntryPathsTest test, String title) {
        HttpResponse<String> response =
            test.post(
                "/api/v1/incidents",
                Map.of(),
                "{\"title\":\"" + title + "\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}");
        return response.statusCode() == 201
            ? Optional.of(json(response).get("id").asText())
            : Optional.empty();
      }
    },
    SLACK_COMMAND(true) {
      @Override
      Optional<String> declare(DeclarationEntryPathsTest test, String title) {
        HttpResponse<String> response =
            test.slackRequests.command(
                "declare P1 recoup-backend " + title, "U0ALICE", "ops", "http://127.0.0.1:9/r");
        Matcher declared = SLACK_DECLARED.matcher(json(response).path("text").asText());
        return declared.find() ? Optional.of(declared.group(1)) : Optional.empty();
      }
    },
    SLACK_FORM(true) {
      @Override
      Optional<String> declare(DeclarationEntryPathsTest test, String title) {
        HttpResponse<String> response =
            test.slackRequests.submit(
                "incident_declare_form",
                "\n",
                Map.of("severity", "P1", "service", "recoup-backend", "title", title),
                "U0ALICE");
        if (response.body().contains("\"errors\"")) {
          return Optional.empty();
        }
        // The form answers later, through the response_url; the incident is found by its title.
        return Optional.of(test.awaitIncidentTitled(title));
      }
    },
    ALERT(false) {
      @Override
      Optional<String> declare(DeclarationEntryPathsTest test, String title) {
        HttpResponse<String> response =
            test.post(
                AlertEndpoint.PATH + "?source=generic",
                Map.of("Authorization", "Bearer responder-token"),
                "{\"title\":\""
                    + title
                    + "\",\"service\":\"recoup-backend\",\"severity\":\"P1\","
                    + "\"fingerprint\":\"entry-path\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Optional.of(json(response).get("incidents").get(0).get("id").asText());
      }
    },
    JOB(false) {
      @Override
      Optional<String> declare(DeclarationEntryPathsTest test, String title) {
        return Optional.of(test.failJobNamed(title));
      }
    },
    WINDOW(false) {
      @Override
      Optional<String> declare(DeclarationEntryPathsTest test, String title) {
        // A window's own title has the limit too; the incident's adds the window's id to it.
        return Optional.of(
            test.failWindowTitled(
                title.substring(0, Math.min(title.length(), DeclarationLimits.MAX_TITLE))));
      }
    };

    /** Whether a person declares, who can be asked for a shorter title. */
    final boolean refuses;

    EntryPath(boolean refuses) {
      this.refuses = refuses;
    }

    /**
     * Declares a P1 on recoup-backend whose title is (or, for a job or a window, includes) the
     * given one; the incident's id, or empty when the declaration was refused.
     */
    abstract Optional<String> declare(DeclarationEntryPathsTest test, String title);
  }

  @ParameterizedTest
  @EnumSource(EntryPath.class)
  void everyWayOfDeclaringIsCountedOnceAndToldToTheRunningWindows(EntryPath path) {
    String listening = runningWindow();

    String id = path.declare(this, "checkout-down").orElseThrow();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(metrics()).containsPattern(RunningApi.declaredOnce("P1")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                window(listening)
                    .get("timeline")
                    .toString()
                    .contains("P1 " + id + " declared on recoup-backend"));
    assertThat(metrics()).containsPattern(RunningApi.declaredOnce("P1"));
  }

  @ParameterizedTest
  @EnumSource(EntryPath.class)
  void everyWayOfDeclaringKeepsTheTitleLimitRefusingWhereAPersonDeclares(EntryPath path) {
    Optional<String> declared = path.declare(this, OVER_LIMIT);

    if (path.refuses) {
      assertThat(declared).as("refused").isEmpty();
      assertThat(incidents.reads().list(false)).as("nothing declared").isEmpty();
      return;
    }
    IncidentView incident = view(declared.orElseThrow());
    assertThat(incident.title()).hasSize(DeclarationLimits.MAX_TITLE).endsWith("…");
  }

  /**
   * Not the alert: the test server keeps no summary or details from a signal-with-start (a real
   * server does), and the alert's start is {@link IncidentStarts#options}, the one a person's
   * declaration starts with.
   */
  @ParameterizedTest
  @EnumSource(value = EntryPath.class, mode = EnumSource.Mode.EXCLUDE, names = "ALERT")
  void everyWayOfDeclaringShowsTheSameSummaryAndDetailsInTemporal(EntryPath path) {
    String id = path.declare(this, "checkout-down").orElseThrow();

    WorkflowExecutionDescription described =
        await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(
                () ->
                    api.temporal
                        .getWorkflowClient()
                        .newUntypedWorkflowStub(IncidentWorkflow.workflowId(id))
                        .describe(),
                d -> d != null);
    assertThat(described.getStaticSummary()).startsWith("P1 · recoup-backend · ");
    assertThat(described.getStaticDetails())
        .startsWith("**" + id + "** — ")
        .contains("- Severity: P1\n", "- Service: recoup-backend\n", "- Declared by: ");
  }

  // ---- The paths' plumbing ---------------------------------------------------------------------

  private HttpResponse<String> post(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer responder-token")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::setHeader);
    return api.send(request);
  }

  private String metrics() {
    return api.registry.scrape();
  }

  private IncidentView view(String id) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> incidents.reads().view(id), view -> view != null);
  }

  private String awaitIncidentTitled(String title) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                incidents.reads().list(true).stream()
                    .filter(i -> i.title().equals(title))
                    .map(IncidentSummary::id)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** A window on recoup-backend waiting on a manual step: it runs until the test ends. */
  private String runningWindow() {
    String id =
        scheduleWindow(
            "Upgrade Firestore indexes",
            "{\"name\":\"swap-database\",\"manual\":\"promote the replica\"}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> window(id).path("waitingFor").asText().equals("swap-database"));
    return id;
  }

  private String scheduleWindow(String title, String step) {
    Instant start = Instant.now();
    HttpResponse<String> scheduled =
        post(
            "/api/v1/maintenance-windows",
            Map.of(),
            "{\"title\":\""
                + title
                + "\",\"services\":[\"recoup-backend\"],\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plus(Duration.ofMinutes(30))
                + "\",\"steps\":["
                + step
                + "]}");
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
    return json(scheduled).get("id").asText();
  }

  private JsonNode window(String id) {
    HttpResponse<String> response =
        api.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/v1/maintenance-windows/" + id))
                .header("Authorization", "Bearer responder-token")
                .GET());
    return json(response);
  }

  /** A window whose configured step fails after it may have changed something declares. */
  private String failWindowTitled(String title) {
    api.actions.failing.add("purge-cdn");
    String id = scheduleWindow(title, "{\"name\":\"purge-cdn\"}");
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> window(id).path("incidentId").asText(""), incident -> !incident.isEmpty());
  }

  /** A job that declares after its first failed run, run once now. */
  private String failJobNamed(String name) {
    api.jobCalls.alwaysFail = true;
    JobSpec spec =
        new JobSpec(
            name,
            "0 2 * * *",
            "UTC",
            JobAction.http(
                new HttpAction(
                    name,
                    "POST",
                    "https://app.recoup.test/cron",
                    Map.of(),
                    null,
                    0,
                    Duration.ofSeconds(5))),
            Duration.ofSeconds(5),
            new JobRetry(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 1),
            new JobAlerts(
                0,
                1,
                Severity.P1,
                "#incidents",
                "recoup-backend",
                new IncidentPolicyFactory(config, false).forService("recoup-backend")),
            false,
            List.of());
    WorkflowClient client = api.temporal.getWorkflowClient();
    JobWorkflow job =
        client.newWorkflowStub(
            JobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobWorkflow.workflowId(name))
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(job::run, JobState.configured(spec));
    job.runNow(new JobCommand("alice", "entry path test"));
    String id =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> job.view().incidentId(), incident -> incident != null);
    // The job's incident is a child it does not wait for; it is there once it answers.
    view(id);
    return id;
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
