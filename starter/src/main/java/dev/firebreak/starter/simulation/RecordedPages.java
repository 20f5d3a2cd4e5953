package dev.firebreak.starter.simulation;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The simulation's pager: keeps every page the workflow sends and wakes nobody. */
final class RecordedPages implements PagingActivities {

  private final List<PageRequest> pages = new CopyOnWriteArrayList<>();

  @Override
  public Delivery page(PageRequest request) {
    pages.add(request);
    return Delivery.sent("simulated page " + request.key());
  }

  @Override
  public Delivery acknowledged(PageFollowUp followUp) {
    return Delivery.sent("simulated acknowledgement");
  }

  @Override
  public Delivery resolved(PageFollowUp followUp) {
    return Delivery.sent("simulated resolve");
  }

  /**
   * The escalation page of {@code level} (from 1) in {@code round}, by the key the workflow gives
   * it ({@code <incident>/page-r<round>-l<level>}), which never changes because providers dedup on
   * it.
   */
  Optional<PageRequest> escalationPage(int round, int level) {
    String suffix = "/page-r" + round + "-l" + level;
    return pages.stream().filter(page -> page.key().endsWith(suffix)).findFirst();
  }
}
