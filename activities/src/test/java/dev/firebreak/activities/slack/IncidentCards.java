package dev.firebreak.activities.slack;

import dev.firebreak.workflows.notify.IncidentCard;
import java.time.Instant;

/** Incident cards as the incident workflow would send them at each stage. */
final class IncidentCards {

  static final String INCIDENT_ID = "INC-20261123-1";
  static final Instant DECLARED_AT = Instant.parse("2026-11-23T11:30:00Z");

  private IncidentCards() {}

  static IncidentCard declared(String channel) {
    return new IncidentCard(
        INCIDENT_ID + "/incident-message",
        channel,
        INCIDENT_ID,
        "Checkout API 5xx spike",
        "P1",
        "Declared",
        "checkout-api",
        "U0ALICE",
        null,
        null,
        DECLARED_AT,
        null);
  }

  static IncidentCard acknowledged(String channel) {
    IncidentCard card = declared(channel);
    return new IncidentCard(
        card.key(),
        channel,
        INCIDENT_ID,
        card.title(),
        "P1",
        "Acknowledged",
        card.service(),
        card.commander(),
        "U0BOB",
        "Error rate 12% since 11:24 UTC; rollback in progress.",
        DECLARED_AT,
        null);
  }

  static IncidentCard closed(String channel) {
    IncidentCard card = acknowledged(channel);
    return new IncidentCard(
        card.key(),
        channel,
        INCIDENT_ID,
        card.title(),
        "P1",
        "Closed",
        card.service(),
        card.commander(),
        card.acknowledgedBy(),
        "Resolved by rolling back dpl_abc.",
        DECLARED_AT,
        null);
  }

  static IncidentCard rollbackSuggested(String channel) {
    IncidentCard card = acknowledged(channel);
    return new IncidentCard(
        card.key(),
        channel,
        INCIDENT_ID,
        card.title(),
        "P1",
        "Mitigating",
        card.service(),
        card.commander(),
        card.acknowledgedBy(),
        card.latestUpdate(),
        DECLARED_AT,
        "checkout-api was deployed 12 minutes ago: roll back to dpl_abc.");
  }

  static IncidentCard withTexts(String channel, String title, String latestUpdate) {
    IncidentCard card = declared(channel);
    return new IncidentCard(
        card.key(),
        channel,
        INCIDENT_ID,
        title,
        "P0",
        "Mitigating",
        card.service(),
        card.commander(),
        null,
        latestUpdate,
        DECLARED_AT,
        null);
  }
}
