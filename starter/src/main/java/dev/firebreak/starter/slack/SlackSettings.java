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
 * @param signingSecret null when unset: then only Socket Mode serves Slack
 * @param botToken null when unset: commands and buttons still work, forms (views.open) do not
 * @param apiUrl Slack's Web API prefix, ending in {@code /api/}; {@code SLACK_API_URL} overrides it
 * @param inlineBudget how long a request waits for its work before answering "working on it"
 * @param appToken Slack's app-level token ({@code xapp-}, from {@code SLACK_APP_TOKEN}); set,
 *     requests also arrive over Socket Mode; null when unset
 */
public record SlackSettings(
    String signingSecret, String botToken, String apiUrl, Duration inlineBudget, String appToken) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  /**
   * Present when {@code providers.slack.signingSecret} resolves (only then can HTTP requests be
   * verified) or {@code SLACK_APP_TOKEN} is set (Socket Mode needs no signature).
   */
  public static Optional<SlackSettings> from(FirebreakConfig config, Function<String, String> env) {
    ProvidersConfig.SlackProvider slack = config.providers().slack();
    if (slack == null) {
      return Optional.empty();
    }
    SecretResolver secrets = new SecretResolver(env);
    String apiUrl =
        Optional.ofNullable(env.apply("SLACK_API_URL"))
            .filter(u -> !u.isBlank())
            .orElse(DEFAULT_API_URL);
    String signingSecret = secrets.resolve(slack.signingSecret()).orElse(null);
    String appToken =
        Optional.ofNullable(env.apply("SLACK_APP_TOKEN")).filter(t -> !t.isBlank()).orElse(null);
    if (signingSecret == null && appToken == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SlackSettings(
            signingSecret,
            secrets.resolve(slack.botToken()).orElse(null),
            apiUrl.endsWith("/") ? apiUrl : apiUrl + "/",
            DeferredReplies.DEFAULT_INLINE_BUDGET,
            appToken));
  }

  public SlackSettings withInlineBudget(Duration budget) {
    return new SlackSettings(signingSecret, botToken, apiUrl, budget, appToken);
  }

  @Override
  public String toString() {
    return "SlackSettings[apiUrl="
        + apiUrl
        + ", botToken="
        + (botToken == null ? "unset" : "set")
        + ", appToken="
        + (appToken == null ? "unset" : "set")
        + "]";
  }
}
