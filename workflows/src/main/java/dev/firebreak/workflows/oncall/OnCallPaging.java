package dev.firebreak.workflows.oncall;

import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import io.temporal.activity.Activity;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page of a level with schedules: the schedules are asked who is on call at the moment the
 * level paged, then the pager pages them with the level's other targets.
 *
 * <p>It lives beside the interfaces it composes because it does no I/O of its own: the lookup and
 * the pager it is handed do. The worker hands it the live ones, the paging simulation and the
 * workflow tests their recording ones, so all three page schedules by this one rule.
 *
 * <p>A schedule that cannot be asked fails the attempt, before anything is paged, for the first
 * {@link #ASKING_ATTEMPTS} attempts; after that it is reported unreachable and the rest of the
 * level is paged, as one bad address never keeps a level asleep. A retry asks again about the same
 * moment, so it pages the same person unless an override for that moment was made in between.
 */
public final class OnCallPaging implements OnCallPagingActivities {

  private static final Logger log = LoggerFactory.getLogger(OnCallPaging.class);

  /** As many as a schedule lookup of its own had (1 s and 2 s apart with the page's backoff). */
  static final int ASKING_ATTEMPTS = 3;

  private final OnCallActivities lookup;
  private final PagingActivities pager;

  public OnCallPaging(OnCallActivities lookup, PagingActivities pager) {
    this.lookup = lookup;
    this.pager = pager;
  }

  @Override
  public OnCallPaged page(PageRequest request, Instant at) {
    ScheduleTargets.Resolved resolved =
        ScheduleTargets.resolve(
            request.targets(), schedule -> ask(request.incidentId(), schedule, at));
    if (resolved.addresses().isEmpty()) {
      return new OnCallPaged(resolved.answers(), null);
    }
    return new OnCallPaged(
        resolved.answers(), pager.page(request.withTargets(resolved.addresses())));
  }

  private ScheduleAnswer ask(String incidentId, String schedule, Instant at) {
    try {
      return ScheduleAnswer.answered(schedule, lookup.whoIsOnCall(schedule, at));
    } catch (RuntimeException failure) {
      int attempt = Activity.getExecutionContext().getInfo().getAttempt();
      log.warn(
          "{} could not ask schedule {} who is on call (attempt {}): {}",
          incidentId,
          schedule,
          attempt,
          RootCause.message(failure));
      if (attempt < ASKING_ATTEMPTS) {
        throw failure;
      }
      return ScheduleAnswer.unanswered(schedule, RootCause.message(failure));
    }
  }
}
