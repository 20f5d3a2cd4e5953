package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTimelineTest {

  @Test
  void theTimelineKeepsItsFirstEntriesAndStopsGrowingAtItsLimit() {
    WindowTimeline timeline = new WindowTimeline();
    for (int i = 0; i < WindowTimeline.MAX_ENTRIES + 5; i++) {
      timeline.add(Instant.EPOCH.plusSeconds(i), "overrun", "entry " + i);
    }

    assertThat(timeline.size()).isEqualTo(WindowTimeline.MAX_ENTRIES);
    assertThat(timeline.entries().get(0))
        .isEqualTo(new MaintenanceEntry(Instant.EPOCH, "overrun", "entry 0"));
  }
}
