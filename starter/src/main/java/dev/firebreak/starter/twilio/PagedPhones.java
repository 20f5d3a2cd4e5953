package dev.firebreak.starter.twilio;

import dev.firebreak.starter.incidents.IncidentFilter;
import dev.firebreak.starter.incidents.IncidentReads;
import dev.firebreak.starter.incidents.IncidentSummary;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.TimelineEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which open incident paged a phone number, read from the incidents' timelines: a page's line names
 * the level's targets ({@code sms:+44…}) and its delivery the number Twilio reached ({@code SMS to
 * +44…}), so either shows the number was paged, and when.
 */
final class PagedPhones {

  private static final Set<String> PAGE_KINDS = Set.of("paged", "page-delivery");

  private final IncidentReads reads;

  PagedPhones(IncidentReads reads) {
    this.reads = reads;
  }

  /** The open incident that paged {@code number} last, if any did. */
  Optional<String> lastPaged(String number) {
    String latestId = null;
    Instant latest = null;
    for (IncidentSummary incident : reads.list(IncidentFilter.RUNNING)) {
      IncidentView view;
      try {
        view = reads.view(incident.id());
      } catch (RuntimeException unreadable) {
        // One incident that does not answer must not keep the others from being acknowledged.
        continue;
      }
      Instant paged = lastPage(view, number);
      if (paged != null && (latest == null || paged.isAfter(latest))) {
        latest = paged;
        latestId = view.id();
      }
    }
    return Optional.ofNullable(latestId);
  }

  /** When {@code view}'s incident last paged {@code number}; null if it never did. */
  static Instant lastPage(IncidentView view, String number) {
    // The number must end where a digit could not continue it: +4420 is not +44201.
    Pattern mention = Pattern.compile(Pattern.quote(number) + "(?![0-9])");
    Instant last = null;
    for (TimelineEntry entry : view.timeline()) {
      if (PAGE_KINDS.contains(entry.kind())
          && entry.text() != null
          && mention.matcher(entry.text()).find()
          && (last == null || entry.at().isAfter(last))) {
        last = entry.at();
      }
    }
    return last;
  }
}
