package dev.firebreak.workflows.notify;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The incident room: one incident message kept current, and messages threaded under it. */
@ActivityInterface(namePrefix = "Chat")
public interface ChatActivities {

  /**
   * Posts the incident message once and announces it in the card's channel; a retry returns the
   * message the first attempt made. Incidents declared before {@link #openIncidentMessage} and
   * {@link #announceIncidentMessage} split it in two still call it.
   */
  @ActivityMethod
  MessageRef postIncidentMessage(IncidentCard card);

  /**
   * Posts the incident message once, in the incident's own room where the provider has rooms; a
   * retry returns the message the first attempt made.
   */
  @ActivityMethod
  MessageRef openIncidentMessage(IncidentCard card);

  /**
   * Points the card's channel at the incident message. Its own step because that channel is shared
   * by every incident: in a storm its posts queue behind Slack's one-per-second limit, and nothing
   * else an incident does should queue with them.
   */
  @ActivityMethod
  Delivery announceIncidentMessage(IncidentCard card, MessageRef message);

  /** Rewrites the incident message in place so it always shows the current state. */
  @ActivityMethod
  Delivery updateIncidentMessage(MessageRef message, IncidentCard card);

  /**
   * Posts the question with Approve and Refuse buttons, idempotent by {@link
   * ApprovalRequest#key()}.
   */
  @ActivityMethod
  Delivery askForApproval(ApprovalRequest request);

  /** Posts one message, idempotent by {@link ThreadMessage#key()}. */
  @ActivityMethod
  Delivery post(ThreadMessage message);
}
