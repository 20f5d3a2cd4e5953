package dev.firebreak.workflows.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the window did, for its view; bounded so a window that loops on overruns cannot grow its
 * state without end.
 */
final class WindowTimeline {

  static final int MAX_ENTRIES = 300;

  private final List<MaintenanceEntry> entries = new ArrayList<>();

  void add(Instant at, String kind, String text) {
    if (entries.size() < MAX_ENTRIES) {
      entries.add(new MaintenanceEntry(at, kind, text));
    }
  }

  int size() {
    return entries.size();
  }

  List<MaintenanceEntry> entries() {
    return List.copyOf(entries);
  }
}
