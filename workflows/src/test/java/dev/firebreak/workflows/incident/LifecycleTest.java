package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The incident's lifecycle changes by new values, each changing only what it names. */
class LifecycleTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  /** Every component set, so a change that drops or swaps one shows. */
  private static final Lifecycle FULL =
      new Lifecycle(
          IncidentStatus.MITIGATING,
          Severity.P1,
          "alice",
          "bob",
          T0.plusSeconds(60),
          List.of(new Mitigation("bob", "Rolled back", null)),
          T0.plusSeconds(600),
          "carol",
          "fixed",
          "dave",
          T0.plusSeconds(6000));

  static Stream<Arguments> changes() {
    Mitigation next = new Mitigation("erin", "Scaled up", "to 6");
    return Stream.of(
        change("withStatus", l -> l.withStatus(IncidentStatus.CLOSED), "status"),
        change("withSeverity", l -> l.withSeverity(Severity.P0), "severity"),
        change("withCommander", l -> l.withCommander("frank"), "commander"),
        change(
            "acknowledged",
            l -> l.acknowledged("gina", T0.plusSeconds(5)),
            "acknowledgedBy",
            "acknowledgedAt"),
        change("withMitigation", l -> l.withMitigation(next), "mitigations"),
        change(
            "resolved",
            l -> l.resolved("hank", T0.plusSeconds(9), "done"),
            "resolvedAt",
            "resolvedBy",
            "resolutionSummary"),
        change("closed", l -> l.closed("ivy", T0.plusSeconds(99)), "reviewedBy", "closedAt"));
  }

  private static Arguments change(String name, UnaryOperator<Lifecycle> change, String... named) {
    return Arguments.of(name, change, Set.of(named));
  }

  @ParameterizedTest(name = "{0} changes {2} and keeps everything else")
  @MethodSource("changes")
  void eachChangeKeepsEveryComponentItDoesNotName(
      String name, UnaryOperator<Lifecycle> change, Set<String> named) throws Exception {
    Lifecycle changed = change.apply(FULL);

    for (RecordComponent component : Lifecycle.class.getRecordComponents()) {
      Object before = component.getAccessor().invoke(FULL);
      Object after = component.getAccessor().invoke(changed);
      if (named.contains(component.getName())) {
        assertThat(after).as(component.getName()).isNotEqualTo(before);
      } else {
        assertThat(after).as(component.getName()).isEqualTo(before);
      }
    }
    assertThat(Arrays.stream(Lifecycle.class.getRecordComponents()).map(RecordComponent::getName))
        .containsAll(named);
  }

  @Test
  void theFirstToAcknowledgeCommandsOnlyWhenNobodyDoes() {
    Lifecycle fresh =
        Lifecycle.fresh(IncidentPolicies.declaration("INC-1", Severity.P1)).withCommander(null);

    assertThat(fresh.acknowledged("bob", T0).commander()).isEqualTo("bob");
    assertThat(FULL.acknowledged("bob", T0).commander()).isEqualTo("alice");
  }

  @Test
  void aReopenedLifecycleKeepsItsSummaryForTheReport() {
    Lifecycle reopened = FULL.resolved(null, null, FULL.resolutionSummary());

    assertThat(reopened.resolvedAt()).isNull();
    assertThat(reopened.resolvedBy()).isNull();
    assertThat(reopened.resolutionSummary()).isEqualTo("fixed");
  }

  @Test
  void aMitigationIsAddedAfterTheOthersAndTheListStaysReadOnly() {
    Lifecycle mitigated = FULL.withMitigation(new Mitigation("erin", "Scaled up", null));

    assertThat(mitigated.mitigations())
        .extracting(Mitigation::action)
        .containsExactly("Rolled back", "Scaled up");
    assertThat(mitigated.mitigations()).isUnmodifiable();
    assertThat(FULL.mitigations()).hasSize(1);
  }
}
