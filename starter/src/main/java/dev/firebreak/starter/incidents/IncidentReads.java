package dev.firebreak.starter.incidents;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * What callers read about incidents: lists (from the memos, {@link IncidentListing}), one
 * incident's view and its post-mortem (queries), each within the read limit.
 */
public final class IncidentReads {

  private final WorkflowClient client;
  private final TemporalDeadlines deadlines;
  private final IncidentListing listing;

  IncidentReads(WorkflowClient client, TemporalDeadlines deadlines, IncidentListing listing) {
    this.client = client;
    this.deadlines = deadlines;
    this.listing = listing;
  }

  /** Newest first; with {@code runningOnly}, only incidents whose workflow still runs. */
  public List<IncidentSummary> list(boolean runningOnly) {
    return list(runningOnly ? IncidentFilter.RUNNING : IncidentFilter.ALL);
  }

  /** Newest first, the incidents the filter matches. */
  public List<IncidentSummary> list(IncidentFilter filter) {
    return listing.list(filter);
  }

  public IncidentView view(String id) {
    return deadlines.within(
        deadlines.read(),
        () -> workflow(id).state(),
        limit -> notAnswering(id, limit, "Nothing changed."));
  }

  public String postMortem(String id) {
    return deadlines.within(
        deadlines.read(),
        () -> workflow(id).postMortem(),
        limit -> notAnswering(id, limit, "Nothing changed."));
  }

  static Refusal notAnswering(String id, String limit, String consequence) {
    return TemporalDeadlines.notAnswering("Incident " + id, limit, consequence);
  }

  private IncidentWorkflow workflow(String id) {
    return client.newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id));
  }
}
