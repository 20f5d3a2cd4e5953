package dev.firebreak.worker;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackSocketMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment that points dev mode's Slack (Web API, socket mode, signed requests) at a fake.
 */
final class FakeSlackEnvironment {

  private FakeSlackEnvironment() {}

  /** Slack's variables for {@code slack}, plus {@code more} (another provider's, say). */
  static Map<String, String> of(FakeSlack slack, String signingSecret, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("SLACK_BOT_TOKEN", slack.token());
    env.put("SLACK_SIGNING_SECRET", signingSecret);
    env.put("SLACK_APP_TOKEN", FakeSlackSocketMode.APP_TOKEN);
    env.put("SLACK_API_URL", slack.apiUrlPrefix());
    return Map.copyOf(env);
  }
}
