package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline stands for exactly the changes registered before it. */
class IncidentChangesTest {

  @Test
  void theBaselineCoversEveryChangeRegisteredBeforeItAndNoneAfter() {
    List<String> ids = IncidentVersions.CHANGES.stream().map(VersionedChange::id).toList();
    int baseline = ids.indexOf(IncidentVersions.BASELINE);

    assertThat(baseline).isPositive();
    assertThat(IncidentVersions.BEFORE_BASELINE)
        .containsExactlyInAnyOrderElementsOf(ids.subList(0, baseline));
  }
}
