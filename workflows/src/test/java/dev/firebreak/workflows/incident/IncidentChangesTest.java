package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The baseline stands for the thirteen changes that came before it, and only those: a change
 * inserted ahead of it in the registry would be taken, unasked, by runs that began before it.
 */
class IncidentChangesTest {

  @Test
  void theBaselineCoversTheThirteenChangesThatCameBeforeIt() {
    List<String> ids = IncidentVersions.CHANGES.stream().map(VersionedChange::id).toList();

    assertThat(ids).contains(IncidentVersions.BASELINE);
    assertThat(IncidentVersions.BEFORE_BASELINE)
        .hasSize(13)
        .contains(IncidentVersions.INCIDENT_ROOM, IncidentVersions.BUSINESS_HOURS)
        .doesNotContain(IncidentVersions.BASELINE);
  }
}
