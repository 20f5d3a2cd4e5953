package dev.firebreak.starter.config;

import java.util.List;
import java.util.Map;

/**
 * The providers Firebreak talks to; an absent provider is simply not used (or dry-run in dev mode).
 */
public record ProvidersConfig(
    SlackProvider slack,
    PagerDutyProvider pagerduty,
    StatuspageProvider statuspage,
    VercelProvider vercel,
    RenderProvider render,
    TwilioProvider twilio,
    SendGridProvider sendgrid,
    StripeProvider stripe,
    SentryProvider sentry) {

  static ProvidersConfig none() {
    return new ProvidersConfig(null, null, null, null, null, null, null, null, null);
  }

  /**
   * @param channel where incidents are announced, {@code #incidents} when unset
   * @param privateChannels create each incident's room as a private channel (default: public)
   * @param users Slack user id to role ({@code viewer}, {@code responder}, {@code admin}) for slash
   *     commands and buttons
   * @param defaultRole the role of a Slack user not listed in {@code users}; {@code responder} when
   *     unset, because anyone on call must be able to declare and acknowledge without being listed
   */
  public record SlackProvider(
      @Secret String botToken,
      @Secret String signingSecret,
      String channel,
      Boolean privateChannels,
      Map<String, String> users,
      String defaultRole) {
    public SlackProvider {
      users = users == null ? Map.of() : Map.copyOf(users);
    }

    public boolean roomsArePrivate() {
      return Boolean.TRUE.equals(privateChannels);
    }
  }

  /**
   * @param routingKey the Events API v2 integration key our triggers, acknowledgements and resolves
   *     go through
   * @param webhookSecrets the signing secrets of the Webhooks v3 subscription that tells Firebreak
   *     about acknowledgements and resolves made in PagerDuty; a list so a secret can be rotated (a
   *     delivery signed by any of them is accepted). {@code POST /webhooks/pagerduty} is served
   *     only when one is set.
   */
  public record PagerDutyProvider(@Secret String routingKey, @Secret List<String> webhookSecrets) {
    public PagerDutyProvider {
      webhookSecrets = ConfigShape.listOf(webhookSecrets);
    }
  }

  public record StatuspageProvider(@Secret String apiKey, String pageId) {}

  public record VercelProvider(@Secret String token, String teamId) {}

  public record RenderProvider(@Secret String apiKey) {}

  /**
   * @param from the sending phone number, E.164
   * @param publicUrl Firebreak's API as Twilio reaches it ({@code https://firebreak.example.com}):
   *     a call's key press and SMS replies come back under it, and their signatures cover it
   */
  public record TwilioProvider(
      String accountSid, @Secret String authToken, String from, String publicUrl) {}

  public record SendGridProvider(@Secret String apiKey, String from) {}

  public record StripeProvider(@Secret String apiKey) {}

  public record SentryProvider(@Secret String authToken, String organisation, String project) {}
}
