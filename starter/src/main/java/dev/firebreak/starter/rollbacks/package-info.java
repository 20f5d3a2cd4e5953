/**
 * Rollbacks for every caller (the API, Slack): who may ask for one and which deployment it goes
 * back to ({@link dev.firebreak.starter.rollbacks.IncidentRollbacks}), and the Temporal calls
 * ({@link dev.firebreak.starter.rollbacks.RollbackGateway}).
 */
package dev.firebreak.starter.rollbacks;
