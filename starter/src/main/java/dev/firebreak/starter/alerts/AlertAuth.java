package dev.firebreak.starter.alerts;

import dev.firebreak.starter.config.AlertsConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.HmacSha256;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may post alerts: a caller with an API token of the responder role (Alertmanager's {@code
 * authorization} block sends one), Sentry with its HMAC-SHA256 {@code Sentry-Hook-Signature} over
 * the raw body keyed by the integration's client secret, or Alertmanager and Grafana with the
 * configured shared secret in the configured header. Every comparison is constant-time. A sender
 * whose secret is not configured is refused, never let through.
 */
final class AlertAuth {

  static final String SENTRY_SIGNATURE = "Sentry-Hook-Signature";

  private final ApiTokens tokens;
  private final String secretHeader;
  private final byte[] secretDigest;
  private final byte[] sentryClientSecret;

  AlertAuth(ApiTokens tokens, AlertsConfig config, SecretResolver secrets) {
    this.tokens = tokens;
    this.secretHeader = config.secretHeader();
    this.secretDigest = secrets.resolve(config.secret()).map(AlertAuth::digest).orElse(null);
    this.sentryClientSecret =
        secrets
            .resolve(config.sentryClientSecret())
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .orElse(null);
  }

  /**
   * Returns the name the sender is recorded under; throws a 401 or 403 {@code Refusal} otherwise.
   */
  String verify(Context ctx, byte[] body) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ApiCaller caller =
          tokens
              .authenticate(authorization.substring(7).trim())
              .orElseThrow(() -> new Refusal(401, "unauthorized", "The API token is not valid."));
      if (!caller.may(Role.RESPONDER)) {
        throw new Refusal(
            403,
            "forbidden",
            "Posting alerts needs the responder role, which token '"
                + caller.name()
                + "' does not have.");
      }
      return caller.name();
    }
    String signature = ctx.header(SENTRY_SIGNATURE);
    if (signature != null) {
      if (sentryClientSecret == null) {
        throw new Refusal(
            401,
            "unauthorized",
            "Signed Sentry webhooks are not accepted here: "
                + "set alerts.sentryClientSecret to the integration's client secret.");
      }
      if (!MessageDigest.isEqual(
          hmacSha256Hex(body),
          signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
        throw new Refusal(
            401, "unauthorized", "The Sentry-Hook-Signature does not match the body.");
      }
      return "sentry";
    }
    String secret = ctx.header(secretHeader);
    if (secret != null) {
      if (secretDigest == null || !MessageDigest.isEqual(secretDigest, digest(secret))) {
        throw new Refusal(
            401, "unauthorized", "The shared secret in " + secretHeader + " is not valid.");
      }
      return "webhook";
    }
    throw new Refusal(
        401,
        "unauthorized",
        "Send an API token as 'Authorization: Bearer <token>', the shared secret in '"
            + secretHeader
            + "', or a Sentry-Hook-Signature.");
  }

  private byte[] hmacSha256Hex(byte[] body) {
    return HmacSha256.hex(sentryClientSecret, body).getBytes(StandardCharsets.UTF_8);
  }

  /** Compared as digests so neither the secret's length nor its prefix shows in the timing. */
  private static byte[] digest(String secret) {
    return AlertKey.sha256Hex(secret).getBytes(StandardCharsets.UTF_8);
  }
}
