package dev.firebreak.activities.slack;

import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class SlackRetryWorkflowImpl implements SlackRetryWorkflow {

  private static final ActivityOptions RETRYING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(100))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  private final ChatActivities chat = Workflow.newActivityStub(ChatActivities.class, RETRYING);
  private final PagingActivities paging =
      Workflow.newActivityStub(PagingActivities.class, RETRYING);

  @Override
  public String send(IncidentCard card, ThreadMessage message, PageRequest page) {
    if (card != null) {
      return chat.postIncidentMessage(card).ts();
    }
    if (message != null) {
      return chat.post(message).detail();
    }
    return paging.page(page).detail();
  }
}
