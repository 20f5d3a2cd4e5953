package dev.firebreak.workflows.webhooks;

import java.time.Duration;
import java.time.Instant;

/**
 * What one webhook retry job run does. Unset numbers take the defaults below, so a job's config
 * only has to name the endpoint and the secret.
 *
 * @param provider whose failed deliveries are listed; {@code stripe} is the one supported
 * @param endpointUrl the application's webhook receiver, for example {@code
 *     https://app.recoup.com/api/webhooks/stripe}
 * @param signingSecret the endpoint's signing secret as a {@code ${ENV}} reference, expanded only
 *     in the activity that signs
 * @param ratePerSecond deliveries per second the endpoint accepts (default 10)
 * @param maxAttempts failed deliveries after which an event is set aside as a dead letter (default
 *     5); an endpoint that rejects an event with a 4xx sets it aside at once
 * @param batchSize events per delivery activity (default 100); a pause takes effect after the batch
 *     in flight
 * @param batchesPerRun batches before the workflow continues as new (default 20), which bounds its
 *     history
 * @param retryBackoff the wait before events that failed are tried again (default 1 minute)
 * @param since events created before this are not listed (default: 30 days ago, all that Stripe
 *     keeps)
 * @param reportChannel where dead letters are reported (default {@code #incidents})
 */
public record WebhookRetryRequest(
    String provider,
    String endpointUrl,
    String signingSecret,
    double ratePerSecond,
    int maxAttempts,
    int batchSize,
    int batchesPerRun,
    Duration retryBackoff,
    Instant since,
    String reportChannel) {

  public static final String STRIPE = "stripe";

  public WebhookRetryRequest {
    provider = provider == null || provider.isBlank() ? STRIPE : provider;
    ratePerSecond = ratePerSecond > 0 ? ratePerSecond : 10;
    maxAttempts = maxAttempts > 0 ? maxAttempts : 5;
    batchSize = batchSize > 0 ? batchSize : 100;
    batchesPerRun = batchesPerRun > 0 ? batchesPerRun : 20;
    retryBackoff = retryBackoff == null ? Duration.ofMinutes(1) : retryBackoff;
    reportChannel = reportChannel == null || reportChannel.isBlank() ? "#incidents" : reportChannel;
  }

  /** A Stripe job with every default: the endpoint and its secret reference are all it needs. */
  public static WebhookRetryRequest stripe(String endpointUrl, String signingSecret) {
    return new WebhookRetryRequest(
        STRIPE, endpointUrl, signingSecret, 0, 0, 0, 0, null, null, null);
  }
}
