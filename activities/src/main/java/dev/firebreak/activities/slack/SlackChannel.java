package dev.firebreak.activities.slack;

/**
 * A channel as Slack describes it.
 *
 * @param topic null when not known without asking Slack
 * @param created true when this call created it
 */
record SlackChannel(String id, String name, String topic, boolean created) {}
