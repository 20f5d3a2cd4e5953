package dev.firebreak.activities.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of Stripe's events list: the events as Stripe sent them, and whether a next page exists.
 */
public record StripeEventPage(List<JsonNode> events, boolean hasMore) {}
