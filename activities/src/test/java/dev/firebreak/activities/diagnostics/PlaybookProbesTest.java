package dev.firebreak.activities.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakeStatusPage;
import dev.firebreak.activities.health.HealthConfirmation;
import dev.firebreak.activities.health.HttpHealthChecker;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.statuspage.StatusPageReader;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Playbook probes against local fake pages: status, JSON expectations, Statuspage format. */
class PlaybookProbesTest {

  private final HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
  private final FakeHealthEndpoint page = new FakeHealthEndpoint();
  private final FakeStatusPage statusPage = new FakeStatusPage();
  private final DiagnosticsActivitiesImpl diagnostics =
      new DiagnosticsActivitiesImpl(
          new HttpHealthChecker(transport, HealthConfirmation.FIRST_CHECK),
          new StatusPageReader(transport, Duration.ofSeconds(1)),
          List.of(),
          transport);

  @AfterEach
  void stop() {
    page.close();
    statusPage.close();
  }

  private static Probe probe(String kind, String url, int status, List<String> expect) {
    return new Probe(
        "db", kind, url, null, status, expect, 0, Duration.ofSeconds(1), true, null, null, null);
  }

  @Test
  void anHttpProbePassesWhenTheStatusAndEveryExpectationHold() {
    page.answer(200, "{\"checks\":{\"database\":{\"status\":\"pass\"}},\"latency\":120}");

    ProbeResult result =
        diagnostics.probe(
            probe(
                Probe.HTTP,
                page.url(),
                0,
                List.of("$.checks.database.status == \"pass\"", "$.latency < 500")));

    assertThat(result)
        .isEqualTo(
            new ProbeResult(
                "db",
                "http",
                true,
                true,
                "HTTP 200, $.checks.database.status == \"pass\", $.latency < 500",
                false));
  }

  @Test
  void anHttpProbeFailsOnAnotherStatusOrAFailingExpectationAndSaysWhich() {
    page.answer(503, "{\"latency\":900}");
    ProbeResult wrongStatus = diagnostics.probe(probe(Probe.HTTP, page.url(), 0, List.of()));
    page.answer(200, "{\"latency\":900}");
    ProbeResult slow =
        diagnostics.probe(probe(Probe.HTTP, page.url(), 200, List.of("$.latency < 500")));

    assertThat(wrongStatus.passed()).isFalse();
    assertThat(wrongStatus.summary()).isEqualTo("HTTP 503, expected a 2xx");
    assertThat(slow.passed()).isFalse();
    assertThat(slow.summary()).isEqualTo("HTTP 200, $.latency is 900 (expected $.latency < 500)");
  }

  @Test
  void aProbeWithNoAnswerFailsWithWhyInsteadOfThrowing() {
    ProbeResult result =
        diagnostics.probe(probe(Probe.HTTP, "http://127.0.0.1:9/health", 0, List.of()));

    assertThat(result.passed()).isFalse();
    assertThat(result.summary()).startsWith("unreachable");
  }

  @Test
  void aStatusPageProbeReadsStatuspageFormatOrAnyJsonPageByItsExpectations() {
    statusPage.status("major", "Partial System Outage");
    page.answer(200, "{\"page\":{\"state\":\"operational\"}}");

    ProbeResult statuspage =
        diagnostics.probe(probe(Probe.STATUS_PAGE, statusPage.url(), 0, List.of()));
    ProbeResult generic =
        diagnostics.probe(
            probe(Probe.STATUS_PAGE, page.url(), 0, List.of("$.page.state == \"operational\"")));

    assertThat(statuspage.passed()).isFalse();
    assertThat(statuspage.summary()).isEqualTo("major (Partial System Outage)");
    assertThat(generic.passed()).isTrue();
  }
}
