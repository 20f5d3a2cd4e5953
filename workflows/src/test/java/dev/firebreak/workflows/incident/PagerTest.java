package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final IncidentPolicy policy = IncidentPolicies.recoupWithProviders();
  private final Pager pager = new Pager(policy);
  private final Incident incident = EscalationTest.declared(Severity.P1);

  @ParameterizedTest(name = "level index {0} in round {1}: key {2}, counted as an escalation: {3}")
  @CsvSource({
    "0, 1, INC-1/page-r1-l1, false",
    "1, 1, INC-1/page-r1-l2, true",
    "0, 2, INC-1/page-r2-l1, true"
  })
  void eachLevelAndRoundHasItsOwnKeyAndOnlyTheFirstPageIsNoEscalation(
      int level, int round, String key, boolean escalation) {
    incident.escalation = incident.escalation.withRound(round);

    assertThat(Pager.escalationKey(incident, level)).isEqualTo(key);
    assertThat(Pager.isEscalation(incident, level)).isEqualTo(escalation);
  }

  @Test
  void aMissedUpdatePageIsKeyedByTheUpdatesPostedAndTheIntervalsMissed() {
    incident.updates = new UpdateCadence.State(incident.updates.lastUpdateAt(), 2, 3, null);

    assertThat(Pager.missedUpdateKey(incident)).isEqualTo("INC-1/missed-update-3-2");
  }

  @Test
  void aPageIsRecordedWithItsTargetsAndLinksToTheIncidentRoomWhenThereIsOne() {
    String text = pager.record(incident, 1, "no acknowledgement in 15m", T0);
    incident.chat = incident.chat.withIncidentMessage(new MessageRef("C0ROOM", "1700.1", false));

    assertThat(text).isEqualTo("Paging level 2 (secondary), round 1: no acknowledgement in 15m");
    assertThat(incident.escalation.level()).isEqualTo(1);
    assertThat(incident.timeline().get(incident.timeline().size() - 1).text())
        .endsWith("→ sms:+15550101, pagerduty:recoup-primary");
    MessageRef message = incident.chat.incidentMessage();
    PageRequest request =
        pager.request(incident, message, "k", policy.escalation().get(1), "why", true);
    assertThat(request.channel()).isEqualTo("C0ROOM");
    assertThat(request.threadTs()).isEqualTo("1700.1");
    assertThat(
            pager
                .request(incident, message, "k", policy.escalation().get(1), "why", false)
                .channel())
        .isEqualTo("#incidents");
  }

  @Test
  void aPageDecidedBeforeTheIncidentMessageWasPostedDoesNotThreadUnderItWhenItLeavesLater() {
    // Decided at declaration (no message yet, so not in the room); sent once a schedule answered,
    // by when the incident message is in the room.
    MessageRef atDecision = incident.chat.incidentMessage();
    incident.chat = incident.chat.withIncidentMessage(new MessageRef("C0ROOM", "1700.1", false));

    PageRequest request =
        pager.request(incident, atDecision, "k", policy.escalation().get(0), "why", false);

    assertThat(request.channel()).isEqualTo("#incidents");
    assertThat(request.threadTs()).as("no thread of the room in #incidents").isNull();
  }

  @Test
  void providersHearOfAnAcknowledgementOnlyWhenSomebodyWasPagedAndEachTargetOnce() {
    assertThat(Pager.followsUp(incident)).isFalse();
    incident.escalation = incident.escalation.withLevel(0);

    assertThat(Pager.followsUp(incident)).isTrue();
    assertThat(pager.followUp(incident, "bob").targets())
        .isEqualTo(List.of("slack:U0PRIMARY", "pagerduty:recoup-primary", "sms:+15550101"));
  }
}
