package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSentencesTest {

  private static final Instant START = Instant.parse("2026-12-10T02:00:00Z");
  private static final MaintenanceOrder ORDER =
      MaintenanceOrders.order("MW-20261210-1", START, List.of());
  private final WindowSentences say = new WindowSentences(ORDER.request(), ORDER.plan());

  @Test
  void theEndingsNameTheWindowTheFailureTheRollbacksAndTheIncident() {
    assertThat(
            say.failed(
                "export-redis failed: HTTP 503",
                " Rollback: recoup-backend SUCCEEDED.",
                "INC-MW-20261210-1"))
        .isEqualTo(
            "🚨 Maintenance MW-20261210-1 (Upgrade Firestore indexes) FAILED: export-redis failed: HTTP 503."
                + " Rollback: recoup-backend SUCCEEDED. Incident INC-MW-20261210-1 declared.");
    assertThat(say.abortedAfterChanges(new Abort("bob", "smoke"), ""))
        .isEqualTo("Maintenance MW-20261210-1 aborted by bob: smoke. Maintenance mode is off.");
    assertThat(say.calledOff(say.nothingChanged("rotate-keys failed: FIREBREAK_TOKEN is not set")))
        .isEqualTo(
            "⛔ Maintenance MW-20261210-1 (Upgrade Firestore indexes) is called off: rotate-keys failed:"
                + " FIREBREAK_TOKEN is not set. Nothing was changed; maintenance mode is off.");
    assertThat(say.allClear())
        .isEqualTo(
            "✅ All clear: maintenance MW-20261210-1 (Upgrade Firestore indexes) is complete;"
                + " recoup-backend healthy after 30m of monitoring.");
  }

  @Test
  void anOverrunSaysWhatTheWindowWaitsForAndHowToExtendIt() {
    assertThat(
            say.overrun(
                START.plus(Duration.ofHours(2)), MaintenanceStatus.IN_PROGRESS, "swap-disks"))
        .isEqualTo(
            "⏰ Maintenance MW-20261210-1 reached its planned end (2026-12-10T04:00:00Z) and is not done:"
                + " IN_PROGRESS, waiting for 'swap-disks'. Extend it (firebreak maintenance extend MW-20261210-1) or abort it.");
  }

  @Test
  void anUnhealthyServiceIsNamedWithItsFailingChecksOrElseItsSummary() {
    HealthCheck check =
        new HealthCheck("recoup-backend", "http://127.0.0.1:9/health", Duration.ofSeconds(10));

    assertThat(
            WindowSentences.unhealthy(
                check,
                new HealthResult("recoup-backend", false, 503, "HTTP 503", List.of(), false)))
        .isEqualTo("recoup-backend is unhealthy (HTTP 503)");
    assertThat(
            WindowSentences.unhealthy(
                check,
                new HealthResult(
                    "recoup-backend", false, 200, "1 of 2 failing", List.of("db", "queue"), false)))
        .isEqualTo("recoup-backend is unhealthy (db, queue)");
  }
}
