package dev.firebreak.starter.maintenance;

import dev.firebreak.workflows.maintenance.MaintenanceView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The windows whose silence is on, read at most once per {@link #REFRESH}. An alert storm asks for
 * every alert, and on the dev server a list of windows is a list of every open workflow (each
 * incident among them); reading it per alert would make the storm's deliveries as slow as the list.
 * A window that starts or ends its silence is seen within {@link #REFRESH}.
 */
final class SilencingWindows {

  static final Duration REFRESH = Duration.ofSeconds(5);

  private final Supplier<List<String>> workflowIds;
  private final Function<String, MaintenanceView> state;
  private final Clock clock;
  private List<MaintenanceView> silencing = List.of();
  private Instant readAt;

  SilencingWindows(
      Supplier<List<String>> workflowIds, Function<String, MaintenanceView> state, Clock clock) {
    this.workflowIds = workflowIds;
    this.state = state;
    this.clock = clock;
  }

  /** The windows silencing now, with when each silence ends. */
  synchronized List<MaintenanceView> now() {
    Instant now = clock.instant();
    if (readAt == null || !now.isBefore(readAt.plus(REFRESH))) {
      List<MaintenanceView> read = new ArrayList<>();
      for (String workflowId : workflowIds.get()) {
        MaintenanceView view = state.apply(workflowId);
        if (view.silenceEnds() != null) {
          read.add(view);
        }
      }
      silencing = List.copyOf(read);
      readAt = now;
    }
    return silencing.stream().filter(view -> now.isBefore(view.silenceEnds())).toList();
  }

  /** Forgets what was read, after a window that was listed could not be told. */
  synchronized void forget() {
    readAt = null;
  }
}
