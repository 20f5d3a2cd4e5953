package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.PlaybookSpecFactory;
import dev.firebreak.starter.service.IncidentIds;
import dev.firebreak.starter.service.IssuedIds;
import dev.firebreak.starter.service.TemporalDeadlines;
import io.temporal.client.WorkflowClient;
import java.time.Clock;

/**
 * Everything the starter asks of Temporal about incidents, one service per job: declaring ({@link
 * Declarations}), delivering alerts ({@link AlertDeliveries}), reading ({@link IncidentReads}) and
 * changing a running incident ({@link IncidentUpdates}). A process builds one set and shares it
 * between its API, Slack endpoints and alert intake, so they hand out incident ids from one counter
 * and declare by the same rules. Calls are Temporal calls only (no provider I/O), so a caller never
 * waits on Slack or a health endpoint, and each runs under the {@link TemporalDeadlines}.
 *
 * @param client the same connection serves the maintenance windows and rollbacks the callers start
 * @param deadlines the time limits every service shares
 * @param issuedIds where incident and maintenance window ids outlive the process (dev mode's file)
 * @param policies maintenance windows and rollbacks declare by the same policies
 * @param playbooks the configured playbooks: matched at declaration, attached by name
 */
public record IncidentServices(
    WorkflowClient client,
    TemporalDeadlines deadlines,
    IssuedIds issuedIds,
    IncidentPolicyFactory policies,
    PlaybookSpecFactory playbooks,
    Declarations declarations,
    AlertDeliveries alerts,
    IncidentReads reads,
    IncidentUpdates updates) {

  public static IncidentServices of(
      WorkflowClient client, FirebreakConfig config, boolean searchAttributes) {
    return of(client, config, searchAttributes, IssuedIds.NONE);
  }

  public static IncidentServices of(
      WorkflowClient client, FirebreakConfig config, boolean searchAttributes, IssuedIds issued) {
    return of(
        client,
        config,
        new IncidentPolicyFactory(config, searchAttributes),
        Clock.systemUTC(),
        TemporalDeadlines.standard(),
        issued);
  }

  /** With the clock and time limits a test chooses. */
  public static IncidentServices of(
      WorkflowClient client,
      FirebreakConfig config,
      IncidentPolicyFactory policies,
      Clock clock,
      TemporalDeadlines deadlines,
      IssuedIds issued) {
    PlaybookSpecFactory playbooks = new PlaybookSpecFactory(config);
    IncidentStarts starts = new IncidentStarts(policies, playbooks);
    IncidentListing listing = new IncidentListing(client, deadlines, policies.searchAttributes());
    return new IncidentServices(
        client,
        deadlines,
        issued,
        policies,
        playbooks,
        new Declarations(
            client,
            config,
            starts,
            new IncidentIds(clock, "INC", issued),
            clock,
            deadlines,
            listing),
        new AlertDeliveries(client, starts, clock, deadlines),
        new IncidentReads(client, deadlines, listing),
        new IncidentUpdates(client, deadlines));
  }
}
