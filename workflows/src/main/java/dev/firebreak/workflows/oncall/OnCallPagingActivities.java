package dev.firebreak.workflows.oncall;

import dev.firebreak.workflows.notify.PageRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/**
 * Pages a level whose targets include {@code schedule:NAME}: asks each schedule who is on call and
 * pages them with the level's other targets, in one activity, so the page leaves without a workflow
 * task between the question and the page.
 */
@ActivityInterface(namePrefix = "OnCall")
public interface OnCallPagingActivities {

  /**
   * @param at the moment the level pages, which each schedule is asked about
   */
  @ActivityMethod
  OnCallPaged page(PageRequest request, Instant at);
}
