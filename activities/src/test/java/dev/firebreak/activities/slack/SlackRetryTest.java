package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackChannel;
import dev.firebreak.activities.fakes.FakeSlackFault;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Activities re-attempted by Temporal after Slack stored a message but the answer never arrived.
 */
class SlackRetryTest {

  private static final String TASK_QUEUE = "slack-retry-test";

  private final SlackTestbed slack = new SlackTestbed();
  private final FakeSlack fake = slack.fake;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(SlackRetryWorkflowImpl.class);
    worker.registerActivitiesImplementations(slack.chatActivities(), slack.pagingActivities());
    env.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    env.close();
    slack.close();
  }

  @Test
  void incidentMessageWhoseAnswerWasLostIsFoundNotPostedAgain() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.responseLost());

    String ts = workflow().send(IncidentCards.declared("#incidents"), null, null);

    assertThat(fake.messages(slack.onlyRoom().id()))
        .extracting(FakeSlackMessage::ts)
        .containsExactly(ts);
    assertThat(fake.messages("#incidents"))
        .singleElement()
        .satisfies(
            announcement ->
                assertThat(announcement.metadataValue("key")).endsWith("/room-announcement"));
    assertThat(fake.postMessageCalls()).isEqualTo(2);
    assertThat(
            fake.lastRequest("conversations.history").orElseThrow().field("include_all_metadata"))
        .isIn("1", "true");
  }

  @Test
  void threadReplyWhoseAnswerWasLostIsFoundNotPostedAgain() {
    String parentTs = workflow().send(IncidentCards.declared("#incidents"), null, null);
    fake.failNext("chat.postMessage", 1, FakeSlackFault.responseLost());

    String room = slack.onlyRoom().id();
    String detail =
        workflow()
            .send(
                null,
                new ThreadMessage(
                    "INC-20261123-1/update-1",
                    "INC-20261123-1",
                    room,
                    parentTs,
                    "Rollback finished"),
                null);

    List<FakeSlackMessage> replies = fake.replies(room, parentTs);
    assertThat(replies).hasSize(1);
    assertThat(detail).contains(replies.get(0).ts(), "earlier attempt");
    assertThat(fake.lastRequest("conversations.replies").orElseThrow().field("ts"))
        .isEqualTo(parentTs);
  }

  @Test
  void pageWhoseAnswerWasLostPagesOnce() {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.responseLost());

    workflow()
        .send(
            null,
            null,
            new PageRequest(
                "INC-20261123-1/page-r1-l1",
                "INC-20261123-1",
                "P1",
                "Checkout API 5xx spike",
                "primary",
                List.of("slack:U0ALICE"),
                "not acknowledged in 15m",
                "#incidents",
                null));

    assertThat(fake.messages(slack.onlyRoom().id()))
        .singleElement()
        .satisfies(page -> assertThat(page.text()).contains("<@U0ALICE>"));
    assertThat(slack.onlyRoom().members()).contains("U0ALICE");
  }

  @Test
  void retryAfterAServerErrorPostsTheMessageOnce() {
    fake.failNext("chat.postMessage", 2, FakeSlackFault.serverError(503));

    String ts = workflow().send(IncidentCards.declared("#incidents"), null, null);

    assertThat(fake.messages(slack.onlyRoom().id()))
        .extracting(FakeSlackMessage::ts)
        .containsExactly(ts);
    assertThat(fake.postMessageCalls()).isEqualTo(4);
  }

  @Test
  void roomWhoseCreationAnswerWasLostIsReusedWithOneIncidentMessageAndOneAnnouncement() {
    fake.failNext("conversations.create", 1, FakeSlackFault.responseLost());
    fake.failNext("chat.postMessage", 2, FakeSlackFault.responseLost());

    String ts = workflow().send(IncidentCards.declared("#incidents"), null, null);

    FakeSlackChannel room = slack.onlyRoom();
    assertThat(fake.calls("conversations.create")).isEqualTo(2);
    assertThat(room.members()).contains("U0ALICE");
    assertThat(room.topic()).startsWith("P1 · Declared");
    assertThat(fake.messages(room.id())).extracting(FakeSlackMessage::ts).containsExactly(ts);
    assertThat(fake.messages("#incidents"))
        .singleElement()
        .satisfies(
            announcement -> assertThat(announcement.text()).contains("<#" + room.id() + ">"));
  }

  @Test
  void postMortemWhoseBookmarkAnswerWasLostIsPostedAndBookmarkedOnce() {
    workflow().send(IncidentCards.declared("#incidents"), null, null);
    String room = slack.onlyRoom().id();
    fake.failNext("bookmarks.add", 1, FakeSlackFault.responseLost());

    workflow()
        .send(
            null,
            new ThreadMessage(
                "INC-20261123-1/post-mortem-9",
                "INC-20261123-1",
                room,
                null,
                "# Incident Report",
                "Post-mortem INC-20261123-1"),
            null);

    assertThat(fake.messages(room))
        .filteredOn(m -> "INC-20261123-1/post-mortem-9".equals(m.metadataValue("key")))
        .hasSize(1);
    assertThat(slack.onlyRoom().bookmarks()).hasSize(1);
    assertThat(fake.calls("bookmarks.add")).isEqualTo(1);
  }

  private SlackRetryWorkflow workflow() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            SlackRetryWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).build());
  }
}
