package dev.firebreak.starter.slack;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ProvidersConfig;
import dev.firebreak.starter.config.SecretResolver;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the Slack endpoints need from the environment.
 *
 * @param botToken null when unset: commands and buttons still work, forms (views.open) do not
 * @param apiUrl Slack's Web API prefix, ending in {@code /api/}; {@code SLACK_API_URL} overrides it
 * @param inlineBudget how long a request waits for its work before answering "working on it"
 */
public record SlackSettings(String signingSecret, String botToken, String apiUrl, Duration inlineBudget) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  /** Present when {@code providers.slack.signingSecret} resolves: only then can requests be verified. */
  public static Optional<SlackSettings> from(FirebreakConfig config, Function<String, String> env) {
    ProvidersConfig.SlackProvider slack = config.providers().slack();
    if (slack == null) {
      return Optional.empty();
    }
    SecretResolver secrets = new SecretResolver(env);
    String apiUrl = Optional.ofNullable(env.apply("SLACK_API_URL")).filter(u -> !u.isBlank()).orElse(DEFAULT_API_URL);
    return secrets.resolve(slack.signingSecret()).map(secret -> new SlackSettings(
        secret, secrets.resolve(slack.botToken()).orElse(null), apiUrl.endsWith("/") ? apiUrl : apiUrl + "/",
        DeferredReplies.DEFAULT_INLINE_BUDGET));
  }

  public SlackSettings withInlineBudget(Duration budget) {
    return new SlackSettings(signingSecret, botToken, apiUrl, budget);
  }

  @Override
  public String toString() {
    return "SlackSettings[apiUrl=" + apiUrl + ", botToken=" + (botToken == null ? "unset" : "set") + "]";
  }
}
