package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.schedules.JobGroups;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user of `./firebreak dev` sees in the Temporal Web UI, rendered by headless Chromium: the
 * incident list with Firebreak's search attributes as columns, an incident's page with its summary
 * and its queries, and the Schedules page with the jobs. The screenshots are kept in {@code
 * target/web-ui/}, with how long after the declaration's 201 the Web UI's list had the incident
 * ({@code listed-after.txt}).
 *
 * <p>Dev mode runs on a CLI server with its Web UI, started inside the test, so it is managed here
 * rather than through {@link DevModeExtension} (embedded Temporal only).
 */
class TemporalWebUiInChromiumTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.cliOnly();

  @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium();

  private static final Function<String, String> NO_ENV = Map.<String, String>of()::get;
  private static final Path SCREENSHOTS = Path.of("target", "web-ui");
  private static final Duration RENDERED = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theWebUiShowsADeclaredIncidentWithItsSearchAttributesSummaryAndQueriesAndTheJobsAsSchedules()
      throws Exception {
    CliTemporal.Options options = temporal.options(temporal.file("web-ui.db"), true);
    try (DevMode dev =
        DevMode.start(
            null,
            () -> CliTemporal.start(options),
            FreePort.next(),
            NO_ENV,
            temporal.file("web-ui-state"))) {
      String webUi = dev.temporal().webUi().orElseThrow();
      String namespace = webUi + "/namespaces/" + DevMode.NAMESPACE;
      String id =
          new DevApi(dev.apiUrl())
              .call(
                  "POST",
                  "/api/v1/incidents",
                  "{\"title\":\"Checkout returns 500\",\"severity\":\"P1\",\"service\":\"recoup-backend\"}",
                  201)
              .get("id")
              .asText();
      long declared = System.nanoTime();
      String workflowId = "incident-" + id;
      // The list page reads the Web UI's own API once when it opens, so it is opened once that API
      // lists the incident; how long that took after the 201 is what a user waits.
      String runId =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(20))
              .until(() -> listedByTheWebUi(webUi, workflowId), Optional::isPresent)
              .orElseThrow();
      Duration listed = Duration.ofNanos(System.nanoTime() - declared);
      Files.createDirectories(SCREENSHOTS);
      Files.writeString(
          SCREENSHOTS.resolve("listed-after.txt"),
          "The Web UI's workflow list showed the incident "
              + listed.toMillis()
              + " ms after the API answered 201 (polled every 20 ms)\n");
      // Dev mode's promise: a declared incident is in the Web UI within a second (53-79 ms
      // measured).
      assertThat(listed).isLessThanOrEqualTo(Duration.ofSeconds(1));
      DevToolsPage page = chromium.page();
      page.open(webUi + "/healthz");
      page.evaluate(searchAttributeColumns());

      show(
          page,
          DevMode.incidentList(webUi),
          "incident-list.png",
          workflowId,
          "IncidentWorkflow",
          "FirebreakStatus",
          "DECLARED",
          "FirebreakSeverity",
          "P1",
          "FirebreakService",
          "recoup-backend");
      assertThat(
              page.evaluate(
                      "Array.from(document.querySelectorAll('tr'))"
                          + ".find(row => row.innerText.includes('"
                          + workflowId
                          + "')).innerText")
                  .asText())
          .as("the incident's row")
          .contains("IncidentWorkflow", "DECLARED", "P1", "recoup-backend");

      // The link without a run id, as Firebreak's messages give it, leads to the incident's latest
      // run.
      show(
          page,
          namespace + "/workflows/" + workflowId,
          "incident.png",
          workflowId,
          runId,
          "IncidentWorkflow",
          "Queries");

      // The list has no column for the summary in this Web UI; the incident's page shows it.
      String run = namespace + "/workflows/" + workflowId + "/" + runId;
      show(
          page,
          run + "/user-metadata",
          "incident-summary.png",
          "P1 · recoup-backend · Checkout returns 500");

      // The query box lists the incident's queries with their descriptions; running one shows its
      // answer.
      page.open(run + "/query");
      page.waitForText(RENDERED, "Query Type", "Run Query");
      page.evaluate("document.querySelector('[data-testid=\"query-select-button\"]').click()");
      shows(
          page,
          "incident-queries.png",
          "state",
          "Status, severity, commander, latest update, suggestions and timeline",
          "timeline",
          "The timeline, oldest first",
          "postMortem");
      page.evaluate(
          """
          Array.from(document.querySelectorAll('#query-select-select li[role="option"] span'))
              .find(name => name.innerText.trim() === 'state').click();
          Array.from(document.querySelectorAll('button')).find(button => button.innerText.trim() === 'Run Query').click();
          """);
      shows(page, "incident-query-state.png", "Checkout returns 500", "DECLARED");

      show(
          page,
          namespace + "/schedules",
          "schedules.png",
          // The demo's three jobs have three timings, so three group Schedules.
          JobGroups.id("0 2 * * *", "UTC"),
          JobGroups.id("*/15 * * * *", "UTC"),
          JobGroups.id("0 4 * * SUN", "UTC"));
    }
  }

  /**
   * The incident's run id once the Web UI's API (what its list page reads) lists it as declared,
   * with Firebreak's status search attribute.
   */
  private static Optional<String> listedByTheWebUi(String webUi, String workflowId)
      throws IOException, InterruptedException {
    String query = "WorkflowId = '" + workflowId + "' AND FirebreakStatus = 'DECLARED'";
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(webUi + "/api/v1" + DevMode.workflowsMatching(query)))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode executions = JSON.readTree(answer.body()).path("executions");
    return executions.isEmpty()
        ? Optional.empty()
        : Optional.of(executions.get(0).path("execution").path("runId").asText());
  }

  /** Opens the page, waits until it shows the texts and keeps a screenshot of it, shown or not. */
  private static void show(DevToolsPage page, String url, String screenshot, String... texts)
      throws InterruptedException, IOException {
    page.open(url);
    shows(page, screenshot, texts);
  }

  /**
   * Waits until the page shows the texts and keeps a screenshot of it, and its HTML if it does not.
   */
  private static void shows(DevToolsPage page, String screenshot, String... texts)
      throws InterruptedException, IOException {
    try {
      page.waitForText(RENDERED, texts);
    } catch (AssertionError notShown) {
      Files.createDirectories(SCREENSHOTS);
      Files.writeString(SCREENSHOTS.resolve(screenshot.replace(".png", ".html")), page.html());
      throw notShown;
    } finally {
      page.screenshot(SCREENSHOTS.resolve(screenshot));
    }
  }

  /**
   * The Web UI keeps the list's columns in the browser's local storage; a fresh profile gets the
   * default columns, so the test stores what a user would pick in "Configure Columns": Firebreak's
   * search attributes next to the workflow id.
   */
  private static String searchAttributeColumns() throws JsonProcessingException {
    List<Map<String, Object>> columns =
        Stream.concat(
                Stream.of("Status", "Workflow ID", "Type", "Start"),
                IncidentSearchAttributes.ALL.stream().map(SearchAttributeKey::getName))
            .map(label -> Map.<String, Object>of("label", label, "pinned", false))
            .toList();
    String stored = JSON.writeValueAsString(Map.of(DevMode.NAMESPACE, columns));
    return "localStorage.setItem('namespace-workflow-table-columns', "
        + JSON.writeValueAsString(stored)
        + ")";
  }
}
