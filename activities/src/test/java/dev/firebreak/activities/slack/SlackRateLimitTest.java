package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackChannel;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.workflows.notify.IncidentCard;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's rate limits, met for real: the fake enforces method tiers and the per-channel posting
 * limit in wall-clock time, and Temporal retries in wall-clock time too (no time skipping), so a
 * Retry-After is actually waited out. Intervals are shortened so the test takes seconds.
 */
class SlackRateLimitTest {

  private static final String TASK_QUEUE = "slack-rate-limit-test";
  private static final int INCIDENTS = 20;

  private final FakeSlack fake = new FakeSlack();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    fake.close();
  }

  @Test
  void burstOfTwentyIncidentsUnderSlackTierLimitsLosesNoMessageAndDoublesNone() throws Exception {
    fake.limitRate("conversations.create", 10, Duration.ofSeconds(1))
        .limitRate("chat.postMessage", 1, Duration.ofMillis(50));
    SlackClient client =
        client(
            new ChannelPacer(Duration.ofMillis(100), 1, Duration.ofSeconds(3), Clock.systemUTC()));
    WorkflowClient workflows = worker(client);

    List<CompletableFuture<String>> declared = new ArrayList<>();
    for (int i = 1; i <= INCIDENTS; i++) {
      SlackRetryWorkflow incident =
          workflows.newWorkflowStub(
              SlackRetryWorkflow.class,
              WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).build());
      declared.add(WorkflowClient.execute(incident::send, card(i), null, null));
    }
    CompletableFuture.allOf(declared.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    List<FakeSlackChannel> rooms =
        fake.channels().stream().filter(c -> c.name().startsWith("inc-")).toList();
    assertThat(rooms).hasSize(INCIDENTS);
    for (FakeSlackChannel room : rooms) {
      assertThat(fake.messages(room.id()))
          .as(room.name())
          .singleElement()
          .satisfies(m -> assertThat(m.metadataValue("key")).endsWith("/incident-message"));
    }
    List<String> announcements =
        fake.messages("#incidents").stream().map(m -> m.metadataValue("key")).toList();
    assertThat(announcements).hasSize(INCIDENTS).doesNotHaveDuplicates();
    assertThat(fake.rateLimitedCalls("conversations.create")).isPositive();
  }

  @Test
  void postsToOneChannelArePacedToStayUnderItsLimit() {
    fake.limitRate("chat.postMessage", 1, Duration.ofMillis(150));
    SlackClient client =
        client(
            new ChannelPacer(Duration.ofMillis(250), 1, Duration.ofSeconds(5), Clock.systemUTC()));

    long start = System.nanoTime();
    for (int i = 1; i <= 5; i++) {
      client.post(
          SlackMessage.text(
              "#incidents", null, "update " + i, "INC-20261123-1/update-" + i, "INC-20261123-1"),
          false);
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    assertThat(fake.messages("#incidents"))
        .extracting(FakeSlackMessage::text)
        .containsExactly("update 1", "update 2", "update 3", "update 4", "update 5");
    assertThat(fake.rateLimitedCalls("chat.postMessage")).isZero();
  }

  @Test
  void postWhoseTurnIsTooFarOffIsHandedBackToBeRetriedWhenTheChannelIsFree() {
    SlackClient client =
        client(
            new ChannelPacer(Duration.ofSeconds(10), 1, Duration.ofSeconds(1), Clock.systemUTC()));
    client.post(
        SlackMessage.text("#incidents", null, "first", "INC-20261123-1/a-1", "INC-20261123-1"),
        false);

    assertThatThrownBy(
            () ->
                client.post(
                    SlackMessage.text(
                        "#incidents", null, "second", "INC-20261123-1/a-2", "INC-20261123-1"),
                    false))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
              assertThat(failure.getCategory())
                  .as("expected, so no warning")
                  .isEqualTo(ApplicationErrorCategory.BENIGN);
              assertThat(failure.getNextRetryDelay())
                  .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
            });
    assertThat(fake.postMessageCalls()).isEqualTo(1);
  }

  @Test
  void retryOfAHeldBackPostPostsAtItsTurnWithoutSearchingTheChannel() throws Exception {
    SlackClient client =
        client(
            new ChannelPacer(Duration.ofMillis(300), 1, Duration.ofMillis(100), Clock.systemUTC()));
    client.post(
        SlackMessage.text("#incidents", null, "first", "INC-20261123-1/a-1", "INC-20261123-1"),
        false);
    SlackMessage second =
        SlackMessage.text("#incidents", null, "second", "INC-20261123-1/a-2", "INC-20261123-1");
    ApplicationFailure heldBack =
        catchThrowableOfType(ApplicationFailure.class, () -> client.post(second, false));

    Thread.sleep(heldBack.getNextRetryDelay().toMillis());
    client.post(second, true);

    assertThat(fake.messages("#incidents"))
        .extracting(FakeSlackMessage::text)
        .containsExactly("first", "second");
    assertThat(fake.calls("conversations.history"))
        .as("no search: nothing was sent for it before")
        .isZero();
  }

  private SlackClient client(ChannelPacer pacer) {
    SlackClient client =
        new SlackClient(
            fake.apiUrlPrefix(),
            fake.token(),
            Duration.ofSeconds(2),
            SlackClient.DEFAULT_DUPLICATE_LOOKBACK,
            Clock.systemUTC(),
            pacer);
    resources.add(client);
    return client;
  }

  private WorkflowClient worker(SlackClient client) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    resources.add(0, env::close);
    IncidentRooms rooms = new IncidentRooms(client, false);
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(SlackRetryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new SlackChatActivities(client, rooms), new SlackPagingActivities(client, rooms));
    env.start();
    return env.getWorkflowClient();
  }

  private static IncidentCard card(int n) {
    String id = "INC-20261123-" + n;
    return new IncidentCard(
        id + "/incident-message",
        "#incidents",
        id,
        "Checkout burst " + n,
        "P1",
        "Declared",
        "checkout-api",
        "U0ALICE",
        null,
        null,
        IncidentCards.DECLARED_AT,
        null);
  }
}
