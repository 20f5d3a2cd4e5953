package dev.firebreak.starter.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.MaintenanceStatus;
import dev.firebreak.workflows.maintenance.MaintenanceView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SilencingWindowsTest {

  private static final Instant NOW = Instant.parse("2026-12-06T02:30:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final AtomicInteger lists = new AtomicInteger();
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private static MaintenanceView window(String id, Instant silenceEnds) {
    return new MaintenanceView(
        id,
        "maintenance-" + id,
        "Upgrade",
        List.of("recoup-backend"),
        NOW.minus(Duration.ofHours(1)),
        NOW.plus(Duration.ofHours(1)),
        MaintenanceStatus.IN_PROGRESS,
        null,
        null,
        "alice",
        null,
        List.of(),
        silenceEnds);
  }

  private SilencingWindows windows(List<MaintenanceView> open) {
    return new SilencingWindows(
        () -> {
          lists.incrementAndGet();
          return open.stream().map(MaintenanceView::workflowId).toList();
        },
        id -> open.stream().filter(v -> v.workflowId().equals(id)).findFirst().orElseThrow(),
        clock);
  }

  @Test
  void anAlertStormListsTheWindowsOncePerRefreshNotOncePerAlert() {
    SilencingWindows windows = windows(List.of(window("MW-1", NOW.plus(Duration.ofHours(2)))));

    for (int alert = 0; alert < 1000; alert++) {
      assertThat(windows.now()).hasSize(1);
    }
    now.set(NOW.plus(SilencingWindows.REFRESH));
    windows.now();

    assertThat(lists).hasValue(2);
  }

  @Test
  void aSilenceThatEndedBetweenReadsNoLongerSilencesAndWindowsWithoutOneAreLeftOut() {
    SilencingWindows windows =
        windows(
            List.of(
                window("MW-1", NOW.plusSeconds(2)),
                window("MW-2", null),
                window("MW-3", NOW.plus(Duration.ofHours(1)))));

    assertThat(windows.now()).extracting(MaintenanceView::id).containsExactly("MW-1", "MW-3");
    now.set(NOW.plusSeconds(3));
    assertThat(windows.now()).extracting(MaintenanceView::id).containsExactly("MW-3");
  }
}
