package dev.firebreak.starter.oncall;

import dev.firebreak.starter.incidents.IncidentReads;
import dev.firebreak.starter.incidents.IncidentSummary;
import dev.firebreak.workflows.oncall.HandoffActivities;
import java.util.List;

/** The open incidents a handoff notice lists, from the same listing as the incidents API. */
public final class OpenIncidentLines implements HandoffActivities {

  private final IncidentReads reads;

  public OpenIncidentLines(IncidentReads reads) {
    this.reads = reads;
  }

  @Override
  public List<String> openIncidents(List<String> services) {
    return reads.list(true).stream()
        .filter(row -> services.isEmpty() || services.contains(row.service()))
        .map(OpenIncidentLines::line)
        .toList();
  }

  private static String line(IncidentSummary row) {
    return row.id()
        + " "
        + (row.severity() == null ? "" : row.severity() + " ")
        + (row.service() == null ? "" : row.service() + ": ")
        + (row.title() == null ? "(" + row.unread() + ")" : row.title());
  }
}
