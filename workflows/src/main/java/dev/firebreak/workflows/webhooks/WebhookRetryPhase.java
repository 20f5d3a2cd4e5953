package dev.firebreak.workflows.webhooks;

/**
 * Where a webhook retry job is; pausing is a flag beside it, so a paused job still says where it
 * stopped.
 */
public enum WebhookRetryPhase {
  LISTING,
  DELIVERING,
  WAITING_TO_RETRY,
  FINISHED
}
