package dev.firebreak.starter.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookReplaySettingsTest {

  private final WebhookReplaySettings settings =
      new WebhookReplaySettings(
          new ConfigLoader(Map.of(ConfigLoader.DEV_URL_VARIABLE, "http://127.0.0.1:8080"))
              .loadDemo());

  @Test
  void aReplayUsesTheWebhookRetryJobsEndpointSecretAndPaceWithItsDefaultsForTheRest() {
    WebhookRetryRequest request = settings.settings("webhook-retry");

    assertThat(request.provider()).isEqualTo(WebhookRetryRequest.STRIPE);
    assertThat(request.endpointUrl()).isEqualTo("https://app.recoup.com/api/webhooks/stripe");
    assertThat(request.signingSecret()).isEqualTo("${STRIPE_WEBHOOK_SECRET}");
    assertThat(request.ratePerSecond()).isEqualTo(10);
    assertThat(request.maxAttempts()).isEqualTo(5);
    assertThat(request.batchSize()).isEqualTo(100);
    assertThat(request.retryBackoff()).isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nope", "analytics-aggregation"})
  void aJobThatIsMissingOrNotAWebhookRetryJobFailsForGood(String job) {
    assertThatThrownBy(() -> settings.settings(job))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isTrue())
        .hasMessageContaining("no webhook-retry job named '" + job + "' in jobs");
  }
}
