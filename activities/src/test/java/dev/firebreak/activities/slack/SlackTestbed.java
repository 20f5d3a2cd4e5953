package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackChannel;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A fresh fake Slack, a client pointed at it, and the Slack activities in a Temporal test activity
 * environment (one attempt each, so failures surface as they are). Closing it closes all three.
 */
final class SlackTestbed implements AutoCloseable {

  final FakeSlack fake = new FakeSlack();
  final SlackClient client =
      new SlackClient(fake.apiUrlPrefix(), fake.token(), Duration.ofSeconds(2));
  final IncidentRooms rooms;
  private final TestActivityEnvironment activities = TestActivityEnvironment.newInstance();

  SlackTestbed() {
    this(false);
  }

  /**
   * @param privateRooms {@code providers.slack.privateChannels}
   */
  SlackTestbed(boolean privateRooms) {
    rooms = new IncidentRooms(client, privateRooms);
    activities.registerActivitiesImplementations(chatActivities(), pagingActivities());
  }

  SlackChatActivities chatActivities() {
    return new SlackChatActivities(client, rooms);
  }

  SlackPagingActivities pagingActivities() {
    return new SlackPagingActivities(client, rooms);
  }

  /** The one room Firebreak created in the fake; fails when there is none or more than one. */
  FakeSlackChannel onlyRoom() {
    List<FakeSlackChannel> rooms =
        fake.channels().stream().filter(c -> c.name().startsWith("inc-")).toList();
    assertThat(rooms).hasSize(1);
    return rooms.get(0);
  }

  <T> T activityStub(Class<T> activityInterface) {
    return activities.newActivityStub(
        activityInterface,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(5))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  @Override
  public void close() throws IOException {
    activities.close();
    client.close();
    fake.close();
  }
}
