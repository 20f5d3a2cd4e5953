package dev.firebreak.workflows.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When the announcements go out. One per offset, at its time; offsets already past when the window
 * was scheduled fold into a single announcement at once (named by the closest of them), so a window
 * closer than an offset is announced once, never not at all and never twice.
 *
 * @param now the offset the announcement sent at once names; empty when no offset has passed
 * @param ahead the offsets still to come, the earliest announcement first
 */
record WindowAnnouncements(Optional<Duration> now, List<Duration> ahead) {

  static WindowAnnouncements of(List<Duration> offsets, Instant start, Instant scheduledAt) {
    List<Duration> sorted = offsets.stream().distinct().sorted(Comparator.reverseOrder()).toList();
    List<Duration> passed =
        sorted.stream().filter(offset -> !scheduledAt.isBefore(start.minus(offset))).toList();
    Optional<Duration> now =
        passed.isEmpty() ? Optional.empty() : Optional.of(passed.get(passed.size() - 1));
    return new WindowAnnouncements(now, sorted.subList(passed.size(), sorted.size()));
  }

  /** The message key of the announcement for an offset: each goes out once, whatever retries. */
  static String key(Duration offset) {
    return "announce-" + offset.toString().toLowerCase(Locale.ROOT);
  }
}
