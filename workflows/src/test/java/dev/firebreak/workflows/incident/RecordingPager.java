package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Workflow tests' pager: remembers who would have been woken, and why. */
public class RecordingPager implements PagingActivities {
  public final List<PageRequest> pages = new CopyOnWriteArrayList<>();

  /**
   * What a provider with incidents of its own (PagerDuty) heard, in order: "trigger",
   * "acknowledge", "resolve".
   */
  public final List<String> providerEvents = new CopyOnWriteArrayList<>();

  /** Counted down when a page arrives, before it is answered. */
  public final CountDownLatch pageArrived = new CountDownLatch(1);

  /** Set to hold every page until counted down, as a slow provider would. */
  public volatile CountDownLatch answerPages;

  @Override
  public Delivery page(PageRequest request) {
    pageArrived.countDown();
    CountDownLatch hold = answerPages;
    if (hold != null) {
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pages.add(request);
    providerEvents.add("trigger");
    return Delivery.sent("paged " + request.targets());
  }

  @Override
  public Delivery acknowledged(PageFollowUp followUp) {
    providerEvents.add("acknowledge");
    return PagingActivities.super.acknowledged(followUp);
  }

  @Override
  public Delivery resolved(PageFollowUp followUp) {
    providerEvents.add("resolve");
    return PagingActivities.super.resolved(followUp);
  }

  /** Escalation pages only (not missed-update escalations), as "r<round>-l<level>". */
  public List<String> escalations() {
    return pages.stream()
        .map(PageRequest::key)
        .filter(key -> key.contains("/page-"))
        .map(key -> key.substring(key.indexOf("/page-") + 6))
        .toList();
  }

  public List<PageRequest> missedUpdatePages() {
    return pages.stream().filter(p -> p.key().contains("/missed-update-")).toList();
  }
}
