package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.LockHolder;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackOrders;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowRollbackRulesTest {

  private static final String SERVICE = "recoup-backend";

  static Stream<Arguments> beforeAndAfter() {
    return Stream.of(
        Arguments.of(
            "a deploy went live during the window",
            LiveDeploy.of("dep-4"),
            LiveDeploy.of("dep-5"),
            null),
        Arguments.of(
            "the deploys cannot be read after the window",
            LiveDeploy.of("dep-4"),
            LiveDeploy.unknown("deploys could not be read: HTTP 503"),
            null),
        Arguments.of(
            "deploys are not listed (dry-run)", LiveDeploy.notListed("no token"), null, null),
        Arguments.of(
            "no deploy during the window",
            LiveDeploy.of("dep-4"),
            LiveDeploy.of("dep-4"),
            "recoup-backend not rolled back: nothing to roll back, no deploy during the window (dep-4 still live)"),
        Arguments.of(
            "the deploy before is not known",
            LiveDeploy.unknown("HTTP 503"),
            null,
            "recoup-backend not rolled back: its deploy before the window is not known (HTTP 503)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("beforeAndAfter")
  void aWindowRollsAServiceBackOnlyWhenItDeployedThereOrCannotTell(
      String when, LiveDeploy before, LiveDeploy after, String untouched) {
    assertThat(WindowRollbackRules.looksAgain(before)).isEqualTo(after != null);
    assertThat(WindowRollbackRules.untouched(SERVICE, before, after)).isEqualTo(untouched);
  }

  @Test
  void theTimelineSaysWhichDeployWentLiveAndWhereTheRollbackGoes() {
    assertThat(
            WindowRollbackRules.goingBack(SERVICE, LiveDeploy.of("dep-4"), LiveDeploy.of("dep-5")))
        .isEqualTo(
            "recoup-backend was deployed during the window (dep-4 → dep-5); rolling back to dep-4");
    assertThat(
            WindowRollbackRules.goingBack(
                SERVICE, LiveDeploy.of("dep-4"), LiveDeploy.unknown("HTTP 503")))
        .isEqualTo(
            "recoup-backend's live deploy is not known (HTTP 503); rolling back to dep-4, its deploy before the window");
  }

  @Test
  void theLiveDeployIsTheNewestSuccessfulProductionDeploy() {
    DeployHistory listed =
        new DeployHistory(SERVICE, "render", MaintenanceOrders.DEPLOYED_DURING_WINDOW, false, null);
    DeployHistory none = new DeployHistory(SERVICE, "render", List.of(), false, null);
    DeployHistory notListed =
        new DeployHistory(SERVICE, "render", List.of(), true, "RENDER_API_KEY is not set");

    assertThat(WindowRollbackRules.live(listed)).isEqualTo(LiveDeploy.of("dep-5"));
    assertThat(WindowRollbackRules.live(none))
        .isEqualTo(LiveDeploy.unknown("no successful production deploy among the last 0"));
    assertThat(WindowRollbackRules.live(notListed))
        .isEqualTo(LiveDeploy.notListed("deploys not listed: RENDER_API_KEY is not set"));
  }

  @Test
  void theRollbackGoesToTheDeployBeforeTheWindowKeyedByTheWindowAndNamingItsIncident() {
    MaintenanceOrder window =
        MaintenanceOrders.order("MW-20261210-1", RollbackOrders.T0, List.of());
    ServiceRollback service = window.plan().rollbacks().get(0);

    RollbackOrder order =
        WindowRollbackRules.order(
            window.request(),
            service,
            LiveDeploy.of("dep-4"),
            "Maintenance MW-20261210-1 failed: export-redis failed",
            "INC-MW-20261210-1");

    assertThat(order.request().key()).isEqualTo("mw-20261210-1");
    assertThat(order.request().toDeployment()).isEqualTo("dep-4");
    assertThat(order.request().requestedBy()).isEqualTo("maintenance MW-20261210-1");
    assertThat(order.request().incidentId()).isEqualTo("INC-MW-20261210-1");
    assertThat(order.policy()).isEqualTo(service.policy());
  }

  @Test
  void aServiceWhoseLockAnotherRollbackHoldsIsLeftToItAndNamed() {
    LockDecision held =
        new LockDecision(
            false, new LockHolder("k", "rollback-recoup-backend-api-1", Instant.EPOCH));

    assertThat(WindowRollbackRules.lockHeld(SERVICE, held))
        .isEqualTo("recoup-backend not rolled back: rollback-recoup-backend-api-1 is running");
    assertThat(WindowRollbackRules.lockNotClaimed(SERVICE, "timeout"))
        .isEqualTo(
            "recoup-backend not rolled back: its rollback lock could not be claimed (timeout)");
  }

  @Test
  void theReportNamesEachServiceAndSaysNothingWhenNoneIsConfigured() {
    assertThat(WindowRollbackRules.report(List.of())).isEmpty();
    assertThat(
            WindowRollbackRules.report(
                List.of("recoup-backend SUCCEEDED", "recoup-web not rolled back")))
        .isEqualTo(" Rollback: recoup-backend SUCCEEDED, recoup-web not rolled back.");
  }
}
