/**
 * Maintenance windows for every caller (the API, Slack): scheduling and commands ({@link
 * dev.firebreak.starter.maintenance.MaintenanceWindows}), the Temporal calls ({@link
 * dev.firebreak.starter.maintenance.MaintenanceGateway}) and the notice a critical incident sends
 * to the running windows ({@link dev.firebreak.starter.maintenance.RunningWindows}).
 */
package dev.firebreak.starter.maintenance;
