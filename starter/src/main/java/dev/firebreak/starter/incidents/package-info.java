/**
 * The incident services every caller uses (the API, Slack, alert intake): {@link
 * dev.firebreak.starter.incidents.Declarations} declares by the shared {@link
 * dev.firebreak.starter.incidents.DeclarationRules}, {@link
 * dev.firebreak.starter.incidents.AlertDeliveries} turns alerts into incidents, {@link
 * dev.firebreak.starter.incidents.IncidentReads} lists and views, {@link
 * dev.firebreak.starter.incidents.IncidentUpdates} sends commands; {@link
 * dev.firebreak.starter.incidents.IncidentServices} is the set a process shares.
 */
package dev.firebreak.starter.incidents;
