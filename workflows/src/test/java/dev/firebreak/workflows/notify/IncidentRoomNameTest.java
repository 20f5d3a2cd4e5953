package dev.firebreak.workflows.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentRoomNameTest {

  @Test
  void roomIsNamedAfterTheIdAndASlugOfTheTitleWithoutDoublingInc() {
    assertThat(IncidentRoomName.of("INC-20261123-1", "Checkout API 5xx spike"))
        .isEqualTo("inc-20261123-1-checkout-api-5xx-spike");
    assertThat(IncidentRoomName.of("ALERT-7", "DB down")).isEqualTo("inc-alert-7-db-down");
  }

  @Test
  void titleIsCutToSlacksNameRules() {
    String name =
        IncidentRoomName.of(
            "INC-20261123-12",
            "Café payments: 50% failing! <script> & «retries» " + "x".repeat(100));

    assertThat(name)
        .hasSizeLessThanOrEqualTo(80)
        .matches("[a-z0-9_-]+")
        .doesNotEndWith("-")
        .startsWith("inc-20261123-12-cafe-payments-50-failing-script-retries-x");
    assertThat(IncidentRoomName.of("INC-20261123-3", "🔥🔥")).isEqualTo("inc-20261123-3");
  }

  @Test
  void roomBelongsToItsIncidentOnlyAndNotToOneWithALongerId() {
    assertThat(IncidentRoomName.belongsTo("INC-20261123-1", "inc-20261123-1-checkout")).isTrue();
    assertThat(IncidentRoomName.belongsTo("INC-20261123-1", "inc-20261123-1")).isTrue();
    assertThat(IncidentRoomName.belongsTo("INC-20261123-1", "inc-20261123-12-checkout")).isFalse();
    assertThat(IncidentRoomName.belongsTo("INC-20261123-1", "incidents")).isFalse();
  }

  @Test
  void roomsImplyTheirIncident() {
    String room = IncidentRoomName.of("INC-20261123-3", "Checkout returns 500");
    assertThat(IncidentRoomName.incidentOf(room)).hasValue("INC-20261123-3");
    assertThat(IncidentRoomName.incidentOf("inc-20261123-12")).hasValue("INC-20261123-12");
    assertThat(IncidentRoomName.incidentOf("incidents")).isEmpty();
    assertThat(IncidentRoomName.incidentOf("inc-planning")).isEmpty();
    assertThat(IncidentRoomName.incidentOf(null)).isEmpty();
  }
}
