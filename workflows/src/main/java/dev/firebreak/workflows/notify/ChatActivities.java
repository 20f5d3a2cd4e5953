package dev.firebreak.workflows.notify;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The incident room: one incident message kept current, and messages threaded under it. */
@ActivityInterface(namePrefix = "Chat")
public interface ChatActivities {

  /** Posts the incident message once; a retry returns the message the first attempt made. */
  @ActivityMethod
  MessageRef postIncidentMessage(IncidentCard card);

  /** Rewrites the incident message in place so it always shows the current state. */
  @ActivityMethod
  Delivery updateIncidentMessage(MessageRef message, IncidentCard card);

  /** Posts one message, idempotent by {@link ThreadMessage#key()}. */
  @ActivityMethod
  Delivery post(ThreadMessage message);
}
