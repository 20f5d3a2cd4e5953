package dev.firebreak.workflows.notify;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Wakes people up. Each target's scheme picks the provider; the request key dedups retries. */
@ActivityInterface(namePrefix = "Paging")
public interface PagingActivities {

  @ActivityMethod
  Delivery page(PageRequest request);

  /**
   * Tells paging providers that keep an incident of their own (PagerDuty) that a person took it, so
   * their escalation stops too. Providers that only send messages have nothing to mirror. (Not
   * annotated: the SDK refuses {@code @ActivityMethod} on a default method; it is an activity all
   * the same.)
   */
  default Delivery acknowledged(PageFollowUp followUp) {
    return Delivery.sent("nothing to acknowledge for " + String.join(", ", followUp.targets()));
  }

  /** Closes the providers' own incidents once the incident is resolved. */
  default Delivery resolved(PageFollowUp followUp) {
    return Delivery.sent("nothing to resolve for " + String.join(", ", followUp.targets()));
  }
}
