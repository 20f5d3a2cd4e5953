/**
 * Heartbeats as the API, the ping endpoints, Slack and the worker see them: the ping tokens and
 * their coalescing ({@link dev.firebreak.starter.heartbeats.HeartbeatPings}), the workflows behind
 * each heartbeat ({@link dev.firebreak.starter.heartbeats.HeartbeatWorkflows}), what the API shows
 * and does ({@link dev.firebreak.starter.heartbeats.HeartbeatGateway}) and their reconciling at
 * worker start.
 */
package dev.firebreak.starter.heartbeats;
