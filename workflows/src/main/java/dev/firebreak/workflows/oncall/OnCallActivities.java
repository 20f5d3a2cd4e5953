package dev.firebreak.workflows.oncall;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/**
 * Who an on-call schedule puts in front of a page. An escalation asks at the moment it pages, so
 * the answer includes every override and cover request made until then, and the timeline records
 * who it was.
 */
@ActivityInterface(namePrefix = "OnCall")
public interface OnCallActivities {

  /**
   * The person {@code schedule} covers {@code at}; {@link OnCallAnswer#person()} is null in a gap.
   */
  @ActivityMethod
  OnCallAnswer whoIsOnCall(String schedule, Instant at);
}
