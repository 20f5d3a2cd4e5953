package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workflow tests' chat: keeps what a person in the channel would have seen. */
public class RecordingChat implements ChatActivities {
  /** Where the incident message lands: the incident's own room, as with Slack. */
  public static final String ROOM = "C0ROOM0001";

  public final List<IncidentCard> cards = new CopyOnWriteArrayList<>();
  public final List<ThreadMessage> posts = new CopyOnWriteArrayList<>();

  /** While true every post fails as a Slack outage would (retryable), and nothing is recorded. */
  public volatile boolean down;

  public final List<IncidentCard> announced = new CopyOnWriteArrayList<>();
  public final List<ApprovalRequest> approvals = new CopyOnWriteArrayList<>();

  @Override
  public Delivery askForApproval(ApprovalRequest request) {
    approvals.add(request);
    return Delivery.sent("approval asked " + request.key());
  }

  @Override
  public MessageRef postIncidentMessage(IncidentCard card) {
    MessageRef message = openIncidentMessage(card);
    announceIncidentMessage(card, message);
    return message;
  }

  @Override
  public MessageRef openIncidentMessage(IncidentCard card) {
    cards.add(card);
    return new MessageRef(ROOM, "1700000000.000100", false);
  }

  @Override
  public Delivery announceIncidentMessage(IncidentCard card, MessageRef message) {
    announced.add(card);
    return Delivery.sent("announced in " + card.channel());
  }

  @Override
  public Delivery updateIncidentMessage(MessageRef message, IncidentCard card) {
    cards.add(card);
    return Delivery.sent("chat.update " + message.ts());
  }

  @Override
  public Delivery post(ThreadMessage message) {
    if (down) {
      throw ApplicationFailure.newFailure("Slack answered HTTP 503", "ProviderUnavailable");
    }
    posts.add(message);
    return Delivery.sent("chat.postMessage " + message.key());
  }

  public List<String> texts() {
    return posts.stream().map(ThreadMessage::text).toList();
  }

  public IncidentCard latestCard() {
    return cards.get(cards.size() - 1);
  }
}
