package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.notify.ThreadMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAudienceTest {

  private static final MaintenanceOrder ORDER =
      MaintenanceOrders.order("MW-20261210-1", Instant.parse("2026-12-10T02:00:00Z"), List.of());

  @Test
  void theChannelAndTheMailingListHearTheSameTextUnderOneKeyPerMoment() {
    WindowAudience audience = new WindowAudience(ORDER.request(), ORDER.plan());

    assertThat(audience.chat("end", "All clear"))
        .isEqualTo(
            new ThreadMessage("MW-20261210-1/end", "MW-20261210-1", "#ops", null, "All clear"));
    assertThat(audience.mail("end", "All clear"))
        .contains(
            new MaintenanceEmail(
                "MW-20261210-1/end",
                "MW-20261210-1",
                List.of("customers@example.com"),
                "[Maintenance MW-20261210-1] Upgrade Firestore indexes",
                "All clear"));
  }

  @Test
  void aWindowWithoutAMailingListMailsNobody() {
    MaintenancePlan plan = ORDER.plan();
    MaintenancePlan noMail =
        new MaintenancePlan(
            plan.channel(),
            List.of(),
            plan.statusPageComponents(),
            plan.announceOffsets(),
            plan.preChecks(),
            plan.maintenanceModeOn(),
            plan.steps(),
            plan.maintenanceModeOff(),
            plan.healthChecks(),
            plan.postChecks(),
            plan.monitoringPeriod(),
            plan.monitoringInterval(),
            plan.manualStepTimeout(),
            plan.rollbacks(),
            plan.incidentSeverity(),
            plan.incidentPolicy(),
            plan.silenceTail());

    assertThat(new WindowAudience(ORDER.request(), noMail).mail("end", "All clear")).isEmpty();
  }
}
