package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Paging when no paging provider is configured: says who would have been woken up, and why. */
public final class DryRunPagingActivities implements PagingActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunPagingActivities.class);

  @Override
  public Delivery page(PageRequest request) {
    String call =
        "page "
            + String.join(",", request.targets())
            + " (level "
            + request.levelName()
            + ") for "
            + request.incidentId()
            + " ["
            + request.severity()
            + "] "
            + DryRunCall.quote(request.title())
            + (request.reason() == null ? "" : " reason " + DryRunCall.quote(request.reason()))
            + " key="
            + request.key();
    return DryRunCall.log(log, request.incidentId(), call);
  }

  @Override
  public Delivery acknowledged(PageFollowUp followUp) {
    return DryRunCall.log(
        log,
        followUp.incidentId(),
        "acknowledge the page of "
            + String.join(",", followUp.targets())
            + " (by "
            + followUp.by()
            + ")");
  }

  @Override
  public Delivery resolved(PageFollowUp followUp) {
    return DryRunCall.log(
        log,
        followUp.incidentId(),
        "resolve the page of "
            + String.join(",", followUp.targets())
            + " (by "
            + followUp.by()
            + ")");
  }
}
