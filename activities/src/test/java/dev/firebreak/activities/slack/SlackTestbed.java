package dev.firebreak.activities.slack;

import dev.firebreak.activities.fakes.FakeSlack;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;

/**
 * A fresh fake Slack, a client pointed at it, and the Slack activities in a Temporal test activity
 * environment (one attempt each, so failures surface as they are). Closing it closes all three.
 */
final class SlackTestbed implements AutoCloseable {

  final FakeSlack fake = new FakeSlack();
  final SlackClient client = new SlackClient(fake.apiUrlPrefix(), fake.token(), Duration.ofSeconds(2));
  private final TestActivityEnvironment activities = TestActivityEnvironment.newInstance();

  SlackTestbed() {
    activities.registerActivitiesImplementations(new SlackChatActivities(client), new SlackPagingActivities(client));
  }

  <T> T activityStub(Class<T> activityInterface) {
    return activities.newActivityStub(activityInterface, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(5))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @Override
  public void close() throws Exception {
    activities.close();
    client.close();
    fake.close();
  }
}
