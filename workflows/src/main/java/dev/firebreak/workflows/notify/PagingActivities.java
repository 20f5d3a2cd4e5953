package dev.firebreak.workflows.notify;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Wakes people up. Each target's scheme picks the provider; the request key dedups retries. */
@ActivityInterface(namePrefix = "Paging")
public interface PagingActivities {

  @ActivityMethod
  Delivery page(PageRequest request);
}
