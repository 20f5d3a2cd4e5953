package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workflow tests' pager: remembers who would have been woken, and why. */
public class RecordingPager implements PagingActivities {
  public final List<PageRequest> pages = new CopyOnWriteArrayList<>();

  @Override
  public Delivery page(PageRequest request) {
    pages.add(request);
    return Delivery.sent("paged " + request.targets());
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
