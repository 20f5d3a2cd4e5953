package dev.firebreak.starter.alerts;

import dev.firebreak.workflows.incident.AlertReceived;

/**
 * One alert the API has accepted and written to its {@link AlertJournal}, waiting to be delivered
 * to its incident.
 *
 * @param seq the journal's number for it, unique for the journal's lifetime
 * @param incidentId the incident its fingerprint names ({@link AlertKey})
 * @param service the service its rules chose
 * @param receivedAtMillis when the API accepted it, which a new incident takes as its declaration
 *     time (the drainer may deliver it later); 0 when it is delivered as it is received, and the
 *     incident gateway's clock says when
 * @param sender who sent it, for the log
 */
public record JournaledAlert(
    long seq,
    String incidentId,
    String service,
    long receivedAtMillis,
    String sender,
    AlertReceived alert) {

  JournaledAlert withSeq(long number) {
    return new JournaledAlert(number, incidentId, service, receivedAtMillis, sender, alert);
  }
}
