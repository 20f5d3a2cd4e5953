package dev.firebreak.workflows.webhooks;

import java.util.List;

/**
 * One page of events whose webhook delivery failed, newest first, as ids only: the events
 * themselves stay out of workflow history. {@code hasMore} says whether a page after the last id
 * exists.
 */
public record FailedEventPage(List<String> eventIds, boolean hasMore, boolean dryRun) {}
